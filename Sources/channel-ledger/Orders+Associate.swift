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

    struct Reassess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the active flow again over every unassociated order.",
            discussion:
                "For after a channel went live or a rule was added; orders the flow still places nowhere stay unassociated."
        )
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let summary = try await global.openService().reassessOrders(context: global.context())
                if global.json {
                    Console.print(
                        JSONValue.object([
                            ("examined", .int(Int64(summary.examined))),
                            ("associated", .int(Int64(summary.associated))),
                        ]).serialized())
                } else {
                    Console.print(
                        "\(summary.examined) unassociated orders examined, \(summary.associated) associated, "
                            + "\(summary.examined - summary.associated) still unassociated")
                }
            }
        }
    }
}
