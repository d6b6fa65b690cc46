import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI.Orders {
    struct Reassociate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move an associated order to another live channel, saying why.")
        @Argument(help: "The Buy with Prime order id.") var order: String
        @Option(help: "The channel (name or id).") var channel: String
        @Option(help: "Why it moves (required).") var reason: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let service = try await global.openService()
                let result = try await service.reassociateOrder(
                    order, channel: channel, reason: reason, context: global.context())
                try await global.reportOrder(result, service: service, done: "moved to")
            }
        }
    }
}
