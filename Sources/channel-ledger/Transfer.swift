import ArgumentParser
import ChannelLedger
import EventSourcing

extension ChannelLedgerCLI {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the log as JSON lines: envelopes with their hashes, ciphertext as ciphertext.",
            discussion: """
                The file starts with a header naming the first position and the hash it chains from; `import` \
                checks every line against it. FILE must not exist (- writes to stdout). The master key is not \
                in the file: secrets stay readable only where the store's key is.
                """)
        @Argument(help: "The file to write (- for stdout).") var file: String
        @Option(help: "Only events after this position (for an export that continues an earlier one).")
        var since: Int64 = 0
        @OptionGroup var global: StoreOptions

        func run() async throws {
            try await global.run {
                let summary = try await global.openService().export(to: file, since: since)
                guard file != "-" else { return }
                if global.json {
                    Console.print(Views.transfer(summary, file: file).serialized())
                } else {
                    let range =
                        summary.positions.map { "positions \($0.lowerBound) to \($0.upperBound)" } ?? "no events"
                    Console.print("exported \(summary.events) events (\(range)) to \(file)")
                }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read an export into a new store (or continue a store the export follows on from).",
            discussion: """
                Every line is checked before anything is written: positions must continue the store's head and \
                every hash must recompute from the line's bytes and chain. A file that does not verify is refused \
                whole, naming its first bad line. Run again after an interruption, it skips what the store holds. \
                The store's master key must travel separately (key file or CHANNEL_LEDGER_MASTER_KEY).
                """)
        @Argument(help: "The export file to read.") var file: String
        @OptionGroup var global: StoreOptions

        func run() async throws {
            try await global.run {
                let (service, summary) = try await LedgerService.importLog(
                    from: file, into: global.storePath, configuration: global.configuration())
                if global.json {
                    Console.print(Views.transfer(summary, file: file).serialized())
                } else {
                    Console.print(
                        "imported \(summary.events) events into \(service.location); head \(summary.head.position), "
                            + "hash \(summary.head.hash.hexString)")
                    Console.print("master key: \(await service.keyDescription())")
                }
            }
        }
    }

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
                let service = try await global.openService()
                let head = try await service.backup(to: file)
                if global.json {
                    Console.print(Views.backup(head, file: file).serialized())
                } else {
                    Console.print("backed up \(head.position) events to \(file) (head hash \(head.hash.hexString))")
                    Console.print(
                        "the master key is not in the backup; keep it with it: \(await service.keyDescription())")
                }
            }
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a backup into a store at --store (a new path), verifying its chain.")
        @Argument(help: "The backup file written by `backup`.") var backup: String
        @OptionGroup var global: StoreOptions

        func run() async throws {
            try await global.run {
                let service = try await LedgerService.restore(
                    backup: backup, to: global.storePath, configuration: global.configuration())
                let head = try await service.store.head()
                if global.json {
                    Console.print(Views.backup(head, file: service.location).serialized())
                } else {
                    Console.print(
                        "restored \(head.position) events to \(service.location); chain intact (head hash \(head.hash.hexString))"
                    )
                    Console.print("master key: \(await service.keyDescription())")
                }
            }
        }
    }
}
