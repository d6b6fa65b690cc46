import EventSourcing
import Foundation

extension LedgerService {
    /// A read-only view of the ledger as it stood at a point in the log, folded from the events
    /// up to that point by the same projections that build the live read models.
    ///
    /// A time means the log up to the first event recorded after it (positions are commit
    /// order, so this is a prefix of the log, never a mixture). Commands are not meant to run on
    /// the result: it answers read-model queries (`channels list/show`, `orders`) only.
    ///
    /// On a store that keeps snapshots (``SnapshotKeeping``) the fold starts from the last mark
    /// before the point and keeps a snapshot at each mark it passes (``SnapshotPolicy``); a
    /// snapshot that cannot be kept (a read-only file) only costs the next question the same fold.
    /// - Returns: the view and the last position it includes (0 before the first event).
    public func asOf(_ point: PointInLog) async throws -> (service: LedgerService, position: Int64) {
        let head = try await store.head().position
        if case .position(let position) = point, position > head {
            throw LedgerError.asOfPastHead(position, head: head)
        }
        var fold = try await SnapshotFold(
            store: store, policy: SnapshotPolicy(projections: Self.projections), projections: Self.projections,
            point: point, logger: logger)
        scan: for try await event in store.events(after: fold.reached, batchSize: 5_000) {
            try await fold.closeMarks(before: event.position)
            if point.isPassed(by: event) || event.position > head { break scan }
            try await fold.add(event)
        }
        let models = try fold.finish()
        let checkpoints = Dictionary(uniqueKeysWithValues: Self.projections.map { ($0.name, fold.reached) })
        let view = LedgerService(
            store: store, location: location, configuration: configuration,
            reader: models.snapshot(checkpoints: checkpoints))
        return (view, fold.reached)
    }
}
