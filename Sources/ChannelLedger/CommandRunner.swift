import EventSourcing
import Foundation
import Logging

/// Loads a stream, decides, appends; on a concurrency conflict decides again on fresh state.
///
/// The expected version is the one just read, so a writer that slipped in between is
/// caught by the store (and, for cross-stream rules, by the read models' unique claims).
/// Each retry re-reads the stream and re-runs the command's look-ups, so the second
/// decision sees what the winner wrote and usually turns into a clear domain refusal.
struct CommandRunner: Sendable {
    let store: any EventStore
    let logger: Logger
    var maxAttempts = 5

    /// Runs a command against one stream.
    ///
    /// - Parameter command: builds the command from the current state; may look up read models.
    /// - Returns: whether anything was recorded (false when the decider decided nothing).
    @discardableResult
    func run<D: Decider>(
        _ decider: D.Type, stream: StreamName, codec: EventCodec<D.Event>, context: CommandContext,
        payload: @Sendable (D.Event) -> any EventPayload,
        command: (D.State) async throws -> D.Command
    ) async throws -> Bool {
        for attempt in 1...maxAttempts {
            let history = try await store.read(stream: stream)
            let state = try D.fold(history, codec: codec)
            let events = try D.decide(try await command(state), state)
            guard !events.isEmpty else { return false }
            let batch = try context.newEvents(events.map(payload))
            do {
                let result = try await store.append(batch, to: stream, expected: .at(Int64(history.count)))
                logger.debug("recorded \(batch.count) event(s) on \(stream) at positions \(result.positions)")
                return true
            } catch let error as EventStoreError {
                switch error {
                case .wrongExpectedVersion, .claimConflict:
                    logger.info("conflict on \(stream) (attempt \(attempt) of \(maxAttempts)): \(error)")
                    try await Task.sleep(for: .milliseconds(Int.random(in: 1...(10 * attempt))))
                    continue
                default:
                    throw error
                }
            }
        }
        throw LedgerError.conflictAfterRetries(stream: stream.rawValue, attempts: maxAttempts)
    }
}

extension NewEvent {
    /// An event from an existential payload (opened for the generic initializer).
    init(id: UUID, anyPayload payload: any EventPayload, recordedAt: Timestamp, metadata: EventMetadata) throws {
        func make<P: EventPayload>(_ payload: P) throws -> NewEvent {
            try NewEvent(id: id, payload: payload, recordedAt: recordedAt, metadata: metadata)
        }
        self = try make(payload)
    }
}
