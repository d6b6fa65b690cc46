import EventSourcing
import Foundation
import Logging

/// A fold of the log into read models in memory for `--as-of`: it starts from the last snapshot
/// kept before the point, when the store keeps them, and keeps one at each mark it passes.
struct SnapshotFold {
    private let keeper: (any SnapshotKeeping)?
    private let policy: SnapshotPolicy
    private let projections: [any Projection]
    private let logger: Logger
    private let models: ChangeTrackingReadModels
    /// The last position folded (the start mark's before any event).
    private(set) var reached: Int64
    /// The mark the tracked changes follow.
    private var lastMark: Int64
    /// The full mark that one is read from, and the changed rows kept after it (``SnapshotMark``).
    private var base: Int64
    private var carried: Int64
    /// The last mark of the usable chain kept: marks past it are kept as they are passed.
    private var chainEnd: Int64
    private var latestTime: Timestamp
    private var batch: [RecordedEvent] = []
    /// False once a snapshot could not be kept: the fold goes on without keeping any.
    private var keeping: Bool

    /// A fold as of `point`, from the last usable mark before it; from the start when there is
    /// none, or when the snapshots cannot be read (a role without their tables' grants): they only
    /// save time, so the fold then goes on without them.
    init(
        store: any EventStore, policy: SnapshotPolicy, projections: [any Projection], point: PointInLog,
        logger: Logger
    ) async throws {
        self.policy = policy
        self.projections = projections
        self.logger = logger
        var keeper = store as? any SnapshotKeeping
        var start: (mark: SnapshotMark, rows: [SnapshotRow])?
        var chainEnd: Int64 = 0
        if let kept = keeper {
            do {
                let (chain, foreign) = policy.chain(of: try await kept.snapshotMarks())
                if foreign { try await kept.dropSnapshots() }
                chainEnd = chain.last?.position ?? 0
                if let mark = policy.start(for: point, in: chain) {
                    if let rows = try await kept.snapshotRows(at: mark) {
                        start = (mark, rows)
                    } else {
                        // Dropped meanwhile by another process: fold from the start, keep nothing.
                        (keeper, chainEnd) = (nil, 0)
                    }
                }
            } catch {
                logger.debug("as-of snapshots not used: \(error)")
                (keeper, start, chainEnd) = (nil, nil, 0)
            }
        }
        self.keeper = keeper
        self.keeping = keeper != nil
        self.models = ChangeTrackingReadModels(InMemoryReadModels(rows: start?.rows ?? []))
        self.reached = start?.mark.position ?? 0
        self.lastMark = reached
        self.base = start?.mark.base ?? 0
        self.carried = start?.mark.carried ?? 0
        self.chainEnd = chainEnd
        self.latestTime = start?.mark.latestTime ?? Timestamp(millisecondsSince1970: .min)
    }

    /// Folds the next event of the log (after closing the marks before it).
    mutating func add(_ event: RecordedEvent) async throws {
        try await closeMarks(before: event.position)
        batch.append(event)
        reached = event.position
        latestTime = max(latestTime, event.recordedAt)
    }

    /// Applies what was added up to each mark before `position` and keeps a snapshot at each one
    /// past the usable chain's end: every event up to such a mark has been added once an event
    /// past it is seen. A mark is full (every row, its own base) once the changes kept since its
    /// base would be as many as the rows; the choice depends on the log alone, so a mark written
    /// again is written as it was.
    mutating func closeMarks(before position: Int64) async throws {
        while lastMark + policy.interval < position {
            let mark = lastMark + policy.interval
            try applyBatch()
            let changes = models.takeChanges()
            let full = policy.isFull(carried: carried, changed: changes.count, rows: models.models.rowCount)
            if full {
                (base, carried) = (mark, 0)
            } else {
                carried += Int64(changes.count)
            }
            if keeping, mark > chainEnd, let keeper {
                let rows = full ? models.models.rows : changes
                let kept = SnapshotMark(
                    position: mark, previous: lastMark, base: base, carried: carried, fingerprint: policy.fingerprint,
                    latestTime: latestTime)
                do {
                    try await keeper.saveSnapshot(kept, changes: rows)
                    chainEnd = mark
                } catch {
                    logger.debug("as-of snapshot at @\(mark) not kept: \(error)")
                    keeping = false
                }
            }
            lastMark = mark
        }
    }

    /// The read models as of the last event added.
    mutating func finish() throws -> InMemoryReadModels {
        try applyBatch()
        return models.models
    }

    private mutating func applyBatch() throws {
        for projection in projections { try projection.apply(batch, to: models) }
        batch.removeAll(keepingCapacity: true)
    }
}
