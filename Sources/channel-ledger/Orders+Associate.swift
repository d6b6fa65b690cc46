import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI.Orders {
    struct Associate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an unassociated order its channel by hand (the channel must be live).")
        @Argument(help: "The Buy with Prime order id.") var order: String
        @Option(help: "The channel (name or id).") var channel: String
        @Option(help: "Why, recorded with the association.") var reason: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let service = try await global.openService()
                let result = try await service.associateOrder(
                    order, channel: channel, reason: reason, context: global.context())
                try await global.reportOrder(result, service: service, done: "associated with")
            }
        }
    }
}
