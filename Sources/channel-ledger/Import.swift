import ArgumentParser
import ChannelLedger
import EventSourcing
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read an export into a new store (or continue a store the export follows on from).",
            discussion: """
                Every line is checked: positions must continue the store's head and every hash must recompute \
                from the line's bytes and chain. A file that does not verify is refused whole, naming its first \
                bad line: into a store that exists, nothing is written; a new store is removed again. Run again \
                after an interruption, it skips what the store holds. Progress goes to stderr. The store's master \
                key must travel separately (key file or CHANNEL_LEDGER_MASTER_KEY).
                """)
        @Argument(help: "The export file to read.") var file: String
        @OptionGroup var global: StoreOptions

        func run() async throws {
            try await global.run {
                let file = file
                let (service, summary) = try await LedgerService.importLog(
                    from: file, into: global.storePath, configuration: global.configuration()
                ) { ProgressBar.standardError.report($0, file: file) }
                if global.json {
                    Console.print(Views.transfer(summary, file: file).serialized())
                } else {
                    Console.print(
                        "imported \(summary.events) events into \(service.location); head \(summary.head.position), "
                            + "hash \(summary.head.hash.hexString)")
                    Console.print("master key: \(TextViews.keyCustody(await service.keyCustody()))")
                }
            }
        }
    }
}
