import ArgumentParser
import ChannelLedger
import EventSourcing
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a consistent copy of a SQLite store (safe while others use it).",
            discussion: """
                Uses SQLite's VACUUM INTO: the copy is one snapshot of the store, never a half-written file. \
                The master key is NOT in the copy: keep the key file (or CHANNEL_LEDGER_MASTER_KEY) with it. \
                `restore` turns a copy back into a store.
                """)
        @Argument(help: "The file to write; it must not exist.") var file: String
        @OptionGroup var global: StoreOptions

        func run() async throws {
            try await global.run {
                let service = try await global.openService(formats: .any)
                let head = try await service.backup(to: file)
                if global.json {
                    Console.print(Views.backup(head, file: file).serialized())
                } else {
                    Console.print("backed up \(head.position) events to \(file) (head hash \(head.hash.hexString))")
                    Console.print(
                        "the master key is not in the backup; keep it with it: \(TextViews.keyCustody(await service.keyCustody()))"
                    )
                }
            }
        }
    }
}
