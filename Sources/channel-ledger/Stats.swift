import ArgumentParser
import ChannelLedger
import EventSourcing
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count events per type, per stream category, per actor and per day (UTC).")
        @Option(help: "Only this stream or category (e.g. channel).") var stream: String?
        @OptionGroup var time: TimeRangeOptions
        @OptionGroup var global: StoreOptions

        func validate() throws {
            if let stream {
                do { _ = try StreamName(stream) } catch { throw ValidationError("--stream: \(error.description)") }
            }
        }

        func run() async throws {
            try await global.run {
                let filter = HistoryFilter(
                    stream: stream, since: time.start, until: time.end)
                let stats = try await global.openService(formats: .any).stats(filter: filter)
                Console.print(global.json ? Views.stats(stats).serialized() : TextViews.stats(stats))
            }
        }
    }
}
