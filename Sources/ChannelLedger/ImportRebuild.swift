import EventSourcing
import Foundation

/// The rebuild a large import into an empty store runs beside its writing: the projections'
/// staging areas are fed the chunks the import has just written, a rebuild's batch at a time
/// (each staging is a transaction of its own), so the read models need not be read back from the
/// log at the end (decision 28), then swapped in.
///
/// It is the rebuild `projections rebuild` and `open` run, fed differently: a chunk staged is
/// staged as that rebuild would stage it. Anything that stops it (another process taking a staging
/// area over, a projection that cannot fold an event) stops only it: the projections stay
/// invalidated, and the next `open` resumes their rebuild from what was staged and reads the rest
/// from the log, reporting what it meets.
struct ImportRebuild {
    private let store: any EventStore
    private let projections: [any Projection]
    private let owner = UUID()
    private var stopped = false
    /// Events written and not staged yet: up to a rebuild's batch.
    private var written: [RecordedEvent] = []

    private init(store: any EventStore, projections: [any Projection]) {
        self.store = store
        self.projections = projections
    }

    /// Starts the projections' rebuild from the first event; nil when it cannot start.
    static func start(_ projections: [any Projection], in store: any EventStore) async -> ImportRebuild? {
        let rebuild = ImportRebuild(store: store, projections: projections)
        for projection in projections {
            guard (try? await store.startRebuild(projection, owner: rebuild.owner, restart: true)) != nil else {
                return nil
            }
        }
        return rebuild
    }

    /// Takes `events`, which the store now holds, staging them for every projection once a
    /// rebuild's batch of them has come.
    mutating func stage(_ events: [RecordedEvent]) async {
        guard !stopped else { return }
        written += events
        if written.count >= ProjectionRebuild.defaultBatchSize { await stageWritten() }
    }

    /// Stages what is left and swaps the rebuilt models in.
    mutating func complete() async {
        await stageWritten()
        guard !stopped else { return }
        for projection in projections {
            guard (try? await store.completeRebuild(projection, owner: owner)) != nil else { return }
        }
    }

    private mutating func stageWritten() async {
        defer { written.removeAll(keepingCapacity: true) }
        guard !stopped, !written.isEmpty else { return }
        for projection in projections {
            guard (try? await store.stage(written, for: projection, owner: owner)) != nil else {
                stopped = true
                return
            }
        }
    }
}
