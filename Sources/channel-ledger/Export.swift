import ArgumentParser
import ChannelLedger
import EventSourcing
import LedgerPresentation

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

        func validate() throws {
            if since < 0 { throw ValidationError("--since needs a position, 0 or more (0 exports the whole log)") }
        }

        func run() async throws {
            try await global.run {
                let summary = try await global.openService(formats: .any).export(to: file, since: since)
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
}
