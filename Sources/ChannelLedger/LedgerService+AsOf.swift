import EventSourcing
import Foundation

extension LedgerService {
    /// A read-only view of the ledger as it stood at a point in the log, folded from the events
    /// up to that point by the same projections that build the live read models.
    ///
    /// A time means the log up to the first event recorded after it (positions are commit
    /// order, so this is a prefix of the log, never a mixture). Commands are not meant to run on
    /// the result: it answers read-model queries (`channels list/show`, `connected-app`) only.
    /// - Returns: the view and the last position it includes (0 before the first event).
    public func asOf(_ point: PointInLog) async throws -> (service: LedgerService, position: Int64) {
        let head = try await store.head().position
        if case .position(let position) = point, position > head {
            throw LedgerError.asOfPastHead(position, head: head)
        }
        let models = InMemoryReadModels()
        var reached: Int64 = 0
        var batch: [RecordedEvent] = []
        scan: for try await event in store.events(after: 0, batchSize: 5_000) {
            if point.isPassed(by: event) || event.position > head { break scan }
            batch.append(event)
            reached = event.position
            if batch.count == 5_000 {
                for projection in Self.projections { try projection.apply(batch, to: models) }
                batch.removeAll(keepingCapacity: true)
            }
        }
        for projection in Self.projections { try projection.apply(batch, to: models) }
        let checkpoints = Dictionary(uniqueKeysWithValues: Self.projections.map { ($0.name, reached) })
        let view = LedgerService(
            store: store, location: location, configuration: configuration,
            reader: models.snapshot(checkpoints: checkpoints))
        return (view, reached)
    }
}
