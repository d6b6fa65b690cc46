import ArgumentParser
import ChannelLedger
import Foundation
import LedgerPresentation

extension ChannelLedgerCLI.Orders {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take Buy with Prime events from a file of JSON lines, as if each were a webhook delivery.",
            discussion: """
                Each line is a webhook envelope exactly as Buy with Prime sends it, or an Amazon EventBridge \
                envelope of the same event. ORDER_CONFIRMED records the order and associates it through the \
                flow; later events are recorded on known orders. Each delivery's idempotency key is claimed \
                with what it records, so running the same file again records nothing twice. A line that \
                cannot be taken is reported and the rest go on; exit 64 (or 6 when a later run may succeed).
                """)
        @Argument(help: "The file of JSON lines.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let service = try await global.openService()
                let bar = LineProgressBar(noun: "lines")
                let summary = try await service.importOrders(
                    from: file, context: global.context(source: "import"), progress: bar.report)
                bar.finish()
                Console.print(
                    global.json ? Views.orderImport(summary).serialized() : TextViews.orderImport(summary))
                if !summary.refused.isEmpty { throw OrderImportIncomplete(refused: summary.refused) }
            }
        }
    }
}
