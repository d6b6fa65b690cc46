import ArgumentParser
import ChannelLedger
import EventSourcing
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Projections: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The read models built from the log: their checkpoints, versions and rebuilds.",
            subcommands: [Status.self, Rebuild.self])

        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show each projection's version, checkpoint, lag behind the head and any rebuild in progress."
            )
            @OptionGroup var global: GlobalOptions

            func run() async throws {
                try await global.run {
                    let statuses = try await global.openService(rebuildingStale: false, formats: .any)
                        .projectionStatus()
                    if global.json {
                        Console.print(JSONValue.array(statuses.map(Views.projection)).serialized())
                        return
                    }
                    let header = ["NAME", "STATE", "VERSION", "CHECKPOINT", "HEAD", "LAG", "REBUILD"]
                    Console.print(
                        TextViews.table(
                            [header]
                                + statuses.map { status in
                                    [
                                        status.name, status.state.rawValue,
                                        status.storedVersion.map {
                                            $0 == status.version ? "\($0)" : "\($0) (code \(status.version))"
                                        }
                                            ?? "- (code \(status.version))",
                                        String(status.checkpoint), String(status.head), String(status.lag),
                                        status.staged.map { "v\($0.version) at \($0.position)" } ?? "-",
                                    ]
                                }))
                }
            }
        }

        struct Rebuild: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Rebuild projections from the log, aside, then swap them in.",
                discussion: """
                    Replays the log in batches into a staging area (one checkpoint per batch, in the batch's \
                    transaction) and swaps the result in when it reaches the head, so readers never see a \
                    half-built model and other commands can run meanwhile. Interrupted (Ctrl-C, kill -9), it \
                    resumes from its last batch when run again; --restart starts over. Progress is drawn on stderr.
                    """)
            @Argument(help: "Projections to rebuild (default: all). See `projections status`.") var names: [String] = []
            @Flag(help: "Discard a rebuild in progress and start from the first event.") var restart = false
            @Option(help: "Events per batch (and per transaction); larger is faster, smaller holds less memory.")
            var batchSize = ProjectionRebuild.defaultBatchSize
            @OptionGroup var global: GlobalOptions

            func validate() throws {
                guard batchSize > 0 else { throw ValidationError("--batch-size must be a positive number, e.g. 20000") }
            }

            func run() async throws {
                try await global.run {
                    let projections = try LedgerService.projections(named: names)
                    let configuration = global.configuration()
                    let service = try await global.openService(rebuildingStale: false, formats: .any)
                    let positions = try await service.rebuild(
                        projections, restart: restart, batchSize: batchSize, progress: configuration.rebuildProgress)
                    if global.json {
                        let statuses = try await service.projectionStatus()
                        Console.print(
                            JSONValue.array(
                                statuses.filter { status in projections.contains { $0.name == status.name } }
                                    .map(Views.projection)
                            ).serialized())
                    } else {
                        for (projection, position) in zip(projections, positions) {
                            Console.print(
                                "rebuilt \(projection.name) v\(projection.version) up to position \(position)")
                        }
                    }
                }
            }
        }
    }
}
