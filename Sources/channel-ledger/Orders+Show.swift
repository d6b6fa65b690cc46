import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI.Orders {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one order: its facts, its customer, and every event with its reason.",
            discussion: "--as-of @POSITION or --as-of TIME shows it as it was then.")
        @Argument(help: "The Buy with Prime order id.") var order: String
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let (service, note) = try await asOf.service(global.openService())
                let summary = try await service.order(order)
                let names = try await service.channelNames()
                let personal = try await service.personalFields(of: summary)
                let events = try await service.orderHistory(summary.orderId)
                if global.json {
                    Console.print(
                        Views.orderDetail(summary, channelNames: names, personal: personal, events: events).serialized()
                    )
                } else {
                    Console.print(
                        (note.map { $0 + "\n" } ?? "")
                            + TextViews.orderDetail(summary, channelNames: names, personal: personal, events: events))
                }
            }
        }
    }
}
