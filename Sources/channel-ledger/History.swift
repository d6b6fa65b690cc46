import ArgumentParser
import ChannelLedger
import EventSourcing

extension ChannelLedgerCLI {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail, oldest first (secrets show as fingerprints).",
            discussion: "--json prints JSON lines, one event per line. Times are RFC 3339 (or a bare date).")
        @Option(help: "Only this channel (name or id); follows renames.") var channel: String?
        @Option(help: "Only this stream (e.g. connected-app, channel:<id>) or category (channel).") var stream: String?
        @Option(help: "Only events of this type (repeatable), e.g. ChannelCreated.") var type: [String] = []
        @Option(help: "Only events by this actor (here --actor filters; it records nothing).") var actor: String?
        @Option(help: "Only events recorded at or after this time.") var since: String?
        @Option(help: "Only events recorded at or before this time.") var until: String?
        @Flag(help: "Keep printing new events as they are committed, until Ctrl-C.") var follow = false
        @OptionGroup var global: StoreOptions

        func validate() throws {
            if let actor, actor.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--actor needs the name of an actor to filter by, e.g. --actor ops-bot")
            }
            if let stream {
                do { _ = try StreamName(stream) } catch { throw ValidationError("--stream: \(error.description)") }
            }
            for (flag, value) in [("--since", since), ("--until", until)] {
                if let value, Timestamp(rfc3339: value) == nil {
                    throw ValidationError(
                        "\(flag) \(value) is not a time; use RFC 3339 like 2026-11-29T10:00:00Z or a date like 2026-11-29"
                    )
                }
            }
        }

        func run() async throws {
            try await global.run {
                let filter = HistoryFilter(
                    stream: stream, types: Set(type), actor: actor, since: since.flatMap(HistoryFilter.start(of:)),
                    until: until.flatMap(HistoryFilter.end(of:)))
                let service = try await global.openService()
                let print = { (event: RecordedEvent) in
                    Console.print(global.json ? Views.event(event).serialized() : TextViews.event(event))
                }
                if follow {
                    try await service.follow(channel: channel, filter: filter, print)
                } else {
                    try await service.history(channel: channel, filter: filter, print)
                }
            }
        }
    }
}
