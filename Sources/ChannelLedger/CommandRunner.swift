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

    /// Runs one command on each of several streams of one decider and appends all their events in
    /// one call (one transaction, one commit for the lot). When another writer moved one of those
    /// streams meanwhile, runs each on its own (``run(_:stream:codec:context:payload:command:)``),
    /// deciding again on fresh state.
    ///
    /// - Returns: for each command, in order, whether its stream recorded anything.
    func runAll<D: Decider>(
        _ decider: D.Type, _ commands: [(stream: StreamName, command: D.Command)], codec: EventCodec<D.Event>,
        context: CommandContext, payload: @escaping @Sendable (D.Event) -> any EventPayload
    ) async throws -> [Bool] {
        var batches: [StreamBatch] = []
        var recorded: [Bool] = []
        for (stream, command) in commands {
            let history = try await store.read(stream: stream)
            let events = try D.decide(command, try D.fold(history, codec: codec))
            recorded.append(!events.isEmpty)
            guard !events.isEmpty else { continue }
            batches.append(
                StreamBatch(try context.newEvents(events.map(payload)), to: stream, expected: .at(Int64(history.count)))
            )
        }
        guard !batches.isEmpty else { return recorded }
        do {
            try await store.append(batches: batches)
            logger.debug("recorded \(batches.count) streams' events in one append")
            return recorded
        } catch let error as EventStoreError {
            switch error {
            case .wrongExpectedVersion, .claimConflict:
                logger.info("conflict in a \(batches.count)-stream append, running each on its own: \(error)")
            default:
                throw error
            }
        }
        var each: [Bool] = []
        for (stream, command) in commands {
            each.append(
                try await run(decider, stream: stream, codec: codec, context: context, payload: payload) { _ in command
                })
        }
        return each
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
