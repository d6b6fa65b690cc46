import ArgumentParser
import ChannelLedger
import EventSourcing
import Foundation
import LedgerPresentation

extension ChannelLedgerCLI {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail, oldest first (secrets show as fingerprints).",
            discussion: """
                `history` lists events (filters below); `history show POSITION` prints one event whole. \
                --json prints JSON lines, one event per line. Times are RFC 3339 (or a bare date).
                """,
            subcommands: [Log.self, Show.self], defaultSubcommand: Log.self)

        struct Log: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List events, oldest first (the default of `history`).")
            @Option(help: "Only this channel (name or id); follows renames.") var channel: String?
            @Option(help: "Only this stream (e.g. connected-app, channel:<id>) or category (channel).")
            var stream: String?
            @Option(help: "Only events of this type (repeatable), e.g. ChannelCreated.") var type: [String] = []
            @Option(help: "Only events by this actor (here --actor filters; it records nothing).") var actor: String?
            @Option(help: "Only events of this correlation id: everything one command caused.") var correlation: String?
            @OptionGroup var time: TimeRangeOptions
            @Option(help: "Only events after this position (the next page of a --limit listing).") var after: Int64 = 0
            @Option(help: "At most this many events; the next page's --after is printed on stderr.") var limit: Int?
            @Flag(help: "Keep printing new events as they are committed, until Ctrl-C.") var follow = false
            @OptionGroup var global: StoreOptions

            func validate() throws {
                if let actor, actor.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw ValidationError("--actor needs the name of an actor to filter by, e.g. --actor ops-bot")
                }
                if let stream {
                    do { _ = try StreamName(stream) } catch { throw ValidationError("--stream: \(error.description)") }
                }
                if let correlation, UUID(uuidString: correlation) == nil {
                    throw ValidationError(
                        "--correlation \(correlation) is not a correlation id; copy one from `history --json` (correlationId)"
                    )
                }
                if after < 0 { throw ValidationError("--after needs a position, 0 or more") }
                if let limit, limit < 1 { throw ValidationError("--limit needs a positive number of events, e.g. 50") }
                if follow, limit != nil { throw ValidationError("--follow and --limit do not go together; use one") }
            }

            func run() async throws {
                try await global.run {
                    let filter = HistoryFilter(
                        stream: stream, types: Set(type), actor: actor, since: time.start, until: time.end,
                        correlation: correlation.flatMap { UUID(uuidString: $0) })
                    let service = try await global.openService(formats: .any)
                    let print = { (event: RecordedEvent) in
                        Console.print(global.json ? Views.event(event).serialized() : TextViews.event(event))
                    }
                    if follow {
                        try await service.follow(channel: channel, filter: filter, after: after, print)
                    } else if let cut = try await service.history(
                        channel: channel, filter: filter, after: after, limit: limit, print)
                    {
                        Console.note("more events follow; the next page: --after \(cut)")
                    }
                }
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print one event whole: envelope, metadata, payload, its hash and the hash it chains from.")
            @Argument(help: "The event's position in the log.") var position: Int64
            @OptionGroup var global: StoreOptions

            func run() async throws {
                try await global.run {
                    let detail = try await global.openService(formats: .any).event(at: position)
                    Console.print(
                        global.json ? Views.eventDetail(detail).serialized() : TextViews.eventDetail(detail))
                }
            }
        }
    }
}
