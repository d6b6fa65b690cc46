import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI.Orders {
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
