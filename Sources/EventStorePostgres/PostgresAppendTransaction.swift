import EventSourcing
import Foundation
import Logging
import PostgresNIO

/// One append, run inside a READ COMMITTED transaction on a pooled connection.
///
/// It first takes the store's transaction-scoped advisory lock (unless its group, in
/// ``PostgresGroupCommit``, holds it already), so appends run one at a time and
/// everything read afterwards (stream version, the head, recorded ids, read-model rows) is the
/// latest committed state: each statement of a READ COMMITTED transaction sees every commit made
/// before it began. Positions continue the head and hashes chain from it; the events, the stream
/// row, inline projections' rows, checkpoints and the NOTIFY that wakes subscribers are written by
/// one statement. The lock is released by COMMIT or ROLLBACK, only after which the next writer can
/// read the new head: positions are gap-free and become visible in order. Only the projections
/// whose checkpoint records their version run (``currentProjections(_:checkpoints:logIsEmpty:)``):
/// one of another version waits for its rebuild, its models and checkpoint untouched.
///
/// Fast path (`checkRecorded == false`): when the expected version matches, the batch is written
/// without looking its ids up; should one be recorded already, `UNIQUE(event_id)` refuses the
/// write, ``FastPathMiss`` rolls the transaction back and the caller runs it again with lookups,
/// so the outcome is always exactly what ``AppendPlan`` decides.
///
/// ``prepare(from:)`` does everything but the write and ``perform(_:)`` writes, so a group can
/// tell an append refused before writing (it fails alone) from one that failed the transaction.
struct PostgresAppendTransaction {
    let connection: PostgresConnection
    let batch: [NewEvent]
    let stream: StreamName
    let expected: ExpectedVersion
    let projections: [any Projection]
    let schema: String
    let channel: String
    let server: String
    let hooks: PostgresStoreHooks
    let checkRecorded: Bool

    /// Thrown when the fast path's write meets a recorded id: run again with `checkRecorded`.
    struct FastPathMiss: Error {}

    /// What an append decided before writing anything.
    enum Prepared {
        /// The batch is recorded already: its original result.
        case duplicate(AppendResult)
        /// The rows to write.
        case write(Rows)
    }

    /// An append's rows, chained and projected, not yet written.
    struct Rows {
        var records: [RecordedEvent]
        var streamExists: Bool
        var staged: StagedReadModels?
        var current: [any Projection]
        var fastPath: Bool
        /// Where the log stands once they are written: the last record, and the checkpoints with
        /// the current projections' moved.
        var after: PostgresKnownHead
    }

    /// Appends the batch, or reports the original positions of an identical recorded batch; with
    /// where the log stands after the write (nil for a duplicate), valid once the transaction commits.
    func run() async throws -> (result: AppendResult, after: PostgresKnownHead?) {
        switch try await prepare() {
        case .duplicate(let result): return (result, nil)
        case .write(let rows): return (try await perform(rows), rows.after)
        }
    }

    /// Takes the lock, reads the stream, the head and the checkpoints, decides (``AppendPlan``),
    /// chains the hashes and projects: everything but the write, so a failure here changes nothing
    /// and, unless a statement failed, leaves the transaction usable.
    ///
    /// `known` is where the append starts when its group, holding the lock, read it already
    /// (``PostgresGroupStart``); otherwise the lock is taken and the start read here.
    func prepare(from known: PostgresAppendStart? = nil) async throws -> Prepared {
        let state: PostgresAppendStart
        if let known {
            state = known
        } else {
            state = try await PostgresAppendStart.readLocked(
                stream: stream, projections: projections, schema: schema, on: connection)
        }
        let current = Self.currentProjections(
            projections, checkpoints: state.checkpoints, logIsEmpty: state.head.position == 0)
        let fastPath = !checkRecorded && expected.accepts(state.version)
        let plan =
            fastPath
            ? try AppendPlan.make(
                for: batch, to: stream, expected: expected, currentVersion: state.version, recorded: { _ in nil })
            : try await planWithLookups(currentVersion: state.version)
        switch plan {
        case .duplicate(let result):
            return .duplicate(result)
        case .write(let firstVersion):
            let records = Self.chain(batch, to: stream, from: state.head, firstVersion: firstVersion)
            let staged: StagedReadModels?
            do {
                staged = try await StagedReadModels.project(records, current, in: .live, on: connection)
            } catch  where fastPath && !Self.losesTransaction(error) {
                // A recorded batch must be absorbed even if projecting it again would fail now
                // (its claim since taken by another stream, say): look the ids up before reporting.
                if case .duplicate(let result) = try await planWithLookups(currentVersion: state.version) {
                    return .duplicate(result)
                }
                throw error
            }
            let before = PostgresKnownHead(head: state.head, checkpoints: state.checkpoints)
            return .write(
                Rows(
                    records: records, streamExists: state.streamExists, staged: staged, current: current,
                    fastPath: fastPath, after: before.advanced(to: records.last!, moving: current)))
        }
    }

    /// Writes prepared rows (one statement); on the fast path a recorded id is ``FastPathMiss``.
    func perform(_ rows: Rows) async throws -> AppendResult {
        do {
            try await write(rows.records, streamExists: rows.streamExists, staged: rows.staged, current: rows.current)
        } catch let error as PSQLError where rows.fastPath && error.serverInfo?[.sqlState] == "23505" {
            throw FastPathMiss()
        }
        let positions = rows.records.map(\.position)
        if let hook = hooks.beforeCommit { try await hook(positions.first!...positions.last!) }
        return AppendResult(positions: positions, streamVersion: rows.records.last!.version, wasDuplicate: false)
    }

    /// Whether an error ends the transaction it happened in: the server's (an aborted transaction
    /// accepts no more statements), a lost connection, or a cancellation.
    static func losesTransaction(_ error: any Error) -> Bool {
        error is PSQLError || error is ConnectionClosed || error is CancellationError
    }

    /// Takes the schema's append lock until the transaction ends (waiting at most the lock timeout).
    static func takeLock(of schema: String, on connection: PostgresConnection) async throws {
        try await connection.run(AppendLock.self, binding: [PostgresSchema.appendLockClass, schema])
    }

    /// The append lock's statement.
    enum AppendLock: PreparedText {
        static let name = "channel_ledger_append_lock"
        /// It names no table: a first use that fails (`busy` under contention) failed running, not preparing.
        static let preparationMayFail = false
        static let sql = "SELECT pg_advisory_xact_lock($1, hashtext($2))"
    }

    /// What ``AppendPlan`` decides once the batch's recorded ids are looked up.
    private func planWithLookups(currentVersion: Int64) async throws -> AppendPlan {
        let recorded = try await recordedEvents()
        return try AppendPlan.make(
            for: batch, to: stream, expected: expected, currentVersion: currentVersion, recorded: { recorded[$0.id] })
    }

    /// The projections an append keeps: those whose checkpoint records their version, and every
    /// one while the log is empty. A projection without one, or of another version, waits for its
    /// rebuild: applying new code to models the old code wrote would mix the two.
    static func currentProjections(
        _ projections: [any Projection], checkpoints: [String: Int64], logIsEmpty: Bool
    ) -> [any Projection] {
        projections.filter { projection in
            ProjectionCheckpoint.keepsInline(
                storedVersion: checkpoints[projection.name].map(Int.init), projectionVersion: projection.version,
                logIsEmpty: logIsEmpty)
        }
    }

    /// The batch's ids that are already recorded, with their events.
    private func recordedEvents() async throws -> [UUID: RecordedEvent] {
        let rows = try await connection.fetch(.sql(PostgresEventRow.byIDSQL, batch.map(\.id)))
        var decoder = PostgresEventRow(server: server)
        var found: [UUID: RecordedEvent] = [:]
        for event in try decoder.decodeAll(rows) { found[event.id] = event }
        return found
    }

    /// `batch` as recorded events of `stream`: positions after `head`, versions from `firstVersion`, hashes chained.
    static func chain(_ batch: [NewEvent], to stream: StreamName, from head: LogHead, firstVersion: Int64)
        -> [RecordedEvent]
    {
        var previous = head.hash
        var records: [RecordedEvent] = []
        records.reserveCapacity(batch.count)
        for (offset, event) in batch.enumerated() {
            var record = RecordedEvent(
                id: event.id, stream: stream, version: firstVersion + Int64(offset),
                position: head.position + 1 + Int64(offset), type: event.type, schemaVersion: event.schemaVersion,
                recordedAt: event.recordedAt, payload: event.payload, metadata: event.metadata, hash: Data())
            record.hash = HashChain.hash(of: record, previous: previous)
            previous = record.hash
            records.append(record)
        }
        return records
    }

    /// Writes everything in one statement: the stream row (new, or its version moved), every
    /// event, the projections' documents and claims, the checkpoints of the `current` projections
    /// moved to the batch's last position, and the NOTIFY (delivered at commit).
    private func write(
        _ records: [RecordedEvent], streamExists: Bool, staged: StagedReadModels?, current: [any Projection]
    ) async throws {
        let changes = staged?.changes ?? ReadModelChanges()
        let (removedDocuments, storedDocuments) = (changes.removedDocuments, changes.storedDocuments)
        let (removedClaims, storedClaims) = (changes.removedClaims, changes.storedClaims)
        let last = records.last!
        let readModels = !changes.isEmpty
        // $1, $2: the stream and its new version; $3–$16: the events, column by column.
        var bindings = PostgresBindings(capacity: 31)
        bindings.append(stream.rawValue)
        bindings.append(last.version)
        bindings.appendEventColumns(records)
        if readModels {
            // $17–$26: read-model rows removed and stored.
            bindings.append(removedDocuments.map(\.model))
            bindings.append(removedDocuments.map(\.key))
            bindings.append(storedDocuments.map(\.0.model))
            bindings.append(storedDocuments.map(\.0.key))
            bindings.append(storedDocuments.map { ByteBuffer(bytes: $0.1) })
            bindings.append(removedClaims.map(\.kind))
            bindings.append(removedClaims.map(\.value))
            bindings.append(storedClaims.map(\.0.kind))
            bindings.append(storedClaims.map(\.0.value))
            bindings.append(storedClaims.map(\.1))
        }
        // Then the checkpoints (names, versions, position) and the notification (channel, payload).
        bindings.append(current.map(\.name))
        bindings.append(current.map { Int64($0.version) })
        bindings.append(last.position)
        bindings.append(channel)
        bindings.append(String(last.position))
        _ = try await connection.fetch(
            Self.writeStatement(streamExists: streamExists, readModels: readModels), bindings: bindings)
    }

    /// The write statement for a new or an existing stream, with or without read-model rows
    /// (most appends change none: the shorter statement takes half the time to parse and plan
    /// on the first use of each connection, and is shorter to execute).
    static func writeStatement(streamExists: Bool, readModels: Bool) -> any PreparedText.Type {
        switch (streamExists, readModels) {
        case (false, false): WriteToNewStream.self
        case (false, true): WriteToNewStreamWithReadModels.self
        case (true, false): WriteToExistingStream.self
        case (true, true): WriteToExistingStreamWithReadModels.self
        }
    }

    private static let newStream = "INSERT INTO streams (name, version) VALUES ($1, $2) RETURNING id"
    private static let existingStream = "UPDATE streams SET version = $2 WHERE name = $1 RETURNING id"

    /// The write to a stream's first events, changing no read model.
    enum WriteToNewStream: PreparedText {
        static let name = "channel_ledger_write_new_stream"
        static let sql = writeSQL(stream: newStream, readModels: false)
    }
    /// The write to a stream's first events, with read-model rows.
    enum WriteToNewStreamWithReadModels: PreparedText {
        static let name = "channel_ledger_write_new_stream_read_models"
        static let sql = writeSQL(stream: newStream, readModels: true)
    }
    /// The write to an existing stream, changing no read model.
    enum WriteToExistingStream: PreparedText {
        static let name = "channel_ledger_write_existing_stream"
        static let sql = writeSQL(stream: existingStream, readModels: false)
    }
    /// The write to an existing stream, with read-model rows.
    enum WriteToExistingStreamWithReadModels: PreparedText {
        static let name = "channel_ledger_write_existing_stream_read_models"
        static let sql = writeSQL(stream: existingStream, readModels: true)
    }

    /// Data-modifying CTEs all run, exactly once, whether or not the final SELECT reads them. The
    /// removed and stored read-model keys are disjoint (each key's final state), so no row is touched twice.
    private static func writeSQL(stream: String, readModels: Bool) -> String {
        let checkpoints = readModels ? 27 : 17
        let readModelRows =
            readModels
            ? """
            ), removed_documents AS (
                DELETE FROM documents d USING unnest($17::text[], $18::text[]) AS r(model, key)
                WHERE d.model = r.model AND d.key = r.key
            ), stored_documents AS (
                INSERT INTO documents (model, key, data) SELECT * FROM unnest($19::text[], $20::text[], $21::bytea[])
                ON CONFLICT (model, key) DO UPDATE SET data = excluded.data
            ), removed_claims AS (
                DELETE FROM claims c USING unnest($22::text[], $23::text[]) AS r(kind, value)
                WHERE c.kind = r.kind AND c.value = r.value
            ), stored_claims AS (
                INSERT INTO claims (kind, value, owner) SELECT * FROM unnest($24::text[], $25::text[], $26::text[])
                ON CONFLICT (kind, value) DO UPDATE SET owner = excluded.owner

            """ : "\n"
        return """
            WITH stream AS (\(stream)
            ), inserted_events AS (
                INSERT INTO events (position, event_id, stream_id, version, type, schema_version, recorded_at, actor,
                    correlation_id, causation_id, source, payload, hash)
                SELECT b.position, b.event_id, stream.id, b.version, b.type, b.schema_version, b.recorded_at, b.actor,
                    CASE WHEN b.has_correlation THEN b.correlation_id END,
                    CASE WHEN b.has_causation THEN b.causation_id END,
                    b.source, b.payload, b.hash
                FROM stream, unnest($3::bigint[], $4::uuid[], $5::bigint[], $6::text[], $7::bigint[], $8::bigint[],
                    $9::text[], $10::bool[], $11::uuid[], $12::bool[], $13::uuid[], $14::text[], $15::bytea[],
                    $16::bytea[])
                    AS b(position, event_id, version, type, schema_version, recorded_at, actor, has_correlation,
                        correlation_id, has_causation, causation_id, source, payload, hash)
            \(readModelRows)), moved_checkpoints AS (
                INSERT INTO checkpoints (name, version, position)
                SELECT p.name, p.version, $\(checkpoints + 2)
                FROM unnest($\(checkpoints)::text[], $\(checkpoints + 1)::bigint[]) AS p(name, version)
                ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position
            )
            SELECT pg_notify($\(checkpoints + 3), $\(checkpoints + 4))
            """
    }
}
