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
    /// How many times a command is decided before a lost race is the caller's error: enough that
    /// eight processes changing one stream at once all get through (`CrashCLITests.MixedConcurrency`).
    var maxAttempts = 10

    /// Waits after the `attempt`th lost race of `maxAttempts`: a random time (so racers spread
    /// out) up to 10 ms, doubled with each race lost, at most 200 ms (at most 1.1 s in all, about
    /// half that on average); not at all after the last, which the caller reports at once.
    static func backOff(after attempt: Int, of maxAttempts: Int) async throws {
        guard attempt < maxAttempts else { return }
        let ceiling = min(200, 10 << min(max(attempt - 1, 0), 5))
        try await Task.sleep(for: .milliseconds(Int.random(in: 1...ceiling)))
    }

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
                    try await Self.backOff(after: attempt, of: maxAttempts)
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
        var known: [Known<D>] = []
        for (stream, command) in commands {
            let history = try await store.read(stream: stream)
            known.append(
                Known(
                    stream: stream, state: try D.fold(history, codec: codec), version: Int64(history.count),
                    command: command))
        }
        return try await runAll(decider, known: known, codec: codec, context: context, payload: payload)
    }

    /// A command with the state it is decided on and the stream version that state is at.
    struct Known<D: Decider> {
        var stream: StreamName
        var state: D.State
        var version: Int64
        var command: D.Command
    }

    /// ``runAll(_:_:codec:context:payload:)`` on states the caller already holds, each at its
    /// stream's version (read from a read model its appends keep in the same transaction): no
    /// stream is read or folded. The append expects those versions, so a stream that moved since
    /// (or a read model behind its log) is a conflict, and then each command runs on its own on
    /// fresh state. Only streams with events to record are checked: a command that decides nothing
    /// on a stale state is not decided again, so use it for commands whose "nothing" stays right
    /// (the publisher's records: nothing means already recorded, which a newer state keeps).
    func runAll<D: Decider>(
        _ decider: D.Type, known: [Known<D>], codec: EventCodec<D.Event>, context: CommandContext,
        payload: @escaping @Sendable (D.Event) -> any EventPayload
    ) async throws -> [Bool] {
        var batches: [StreamBatch] = []
        var recorded: [Bool] = []
        for command in known {
            let events = try D.decide(command.command, command.state)
            recorded.append(!events.isEmpty)
            guard !events.isEmpty else { continue }
            batches.append(
                StreamBatch(
                    try context.newEvents(events.map(payload)), to: command.stream, expected: .at(command.version)))
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
        for command in known {
            each.append(
                try await run(decider, stream: command.stream, codec: codec, context: context, payload: payload) { _ in
                    command.command
                })
        }
        return each
    }
}

extension CommandRunner.Known: Sendable where D.State: Sendable, D.Command: Sendable {}

extension NewEvent {
    /// An event from an existential payload (opened for the generic initializer).
    init(id: UUID, anyPayload payload: any EventPayload, recordedAt: Timestamp, metadata: EventMetadata) throws {
        func make<P: EventPayload>(_ payload: P) throws -> NewEvent {
            try NewEvent(id: id, payload: payload, recordedAt: recordedAt, metadata: metadata)
        }
        self = try make(payload)
    }
}
