import Foundation

/// The append rules every store shares, as a pure function of what is already recorded.
///
/// Idempotency is checked before the version: when every event id of the batch is
/// recorded with identical content the append is absorbed and reports the original
/// positions; the same id with other content, or a partly recorded batch, is an error.
/// Only then is the expected version checked.
public enum AppendPlan: Equatable, Sendable {
    /// Nothing to write: the batch is already recorded.
    case duplicate(AppendResult)
    /// Write the batch with versions starting at `firstVersion`.
    case write(firstVersion: Int64)

    /// Decides what an append does.
    ///
    /// - Parameters:
    ///   - recorded: looks up an event id in the log.
    ///   - currentVersion: the stream's version now (0 when absent).
    public static func make(
        for batch: [NewEvent], to stream: StreamName, expected: ExpectedVersion, currentVersion: Int64,
        recorded: (NewEvent) throws -> RecordedEvent?
    ) throws -> AppendPlan {
        var seen = Set<UUID>()
        for event in batch where !seen.insert(event.id).inserted {
            throw EventStoreError.repeatedEventIDInBatch(event.id)
        }
        var found: [RecordedEvent] = []
        for event in batch {
            guard let existing = try recorded(event) else { continue }
            guard event.isSameContent(as: existing, in: stream) else {
                throw EventStoreError.duplicateEventID(event.id, position: existing.position)
            }
            found.append(existing)
        }
        if !found.isEmpty {
            guard found.count == batch.count else {
                throw EventStoreError.partiallyRecordedBatch(stream: stream, recorded: found.map(\.id))
            }
            return .duplicate(
                AppendResult(positions: found.map(\.position), streamVersion: currentVersion, wasDuplicate: true))
        }
        guard expected.accepts(currentVersion) else {
            throw EventStoreError.wrongExpectedVersion(stream: stream, expected: expected, actual: currentVersion)
        }
        return .write(firstVersion: currentVersion + 1)
    }
}
