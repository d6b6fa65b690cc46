import EventSourcing
import Foundation
import PostgresNIO

/// One append in one round trip: a call of the store's `channel_ledger_append` function
/// (migration 8, ``createFunction``), in the call's own transaction.
///
/// The transactional path (``PostgresAppendTransaction``) costs five round trips: `BEGIN`, the
/// append lock, the read of where the append starts, the write and `COMMIT`. Its hashes chain
/// from the head, which it reads under the lock. Here they are chained before the call from the
/// head this process saw after its last append (``PostgresKnownHead``), and the function, under
/// the same lock, writes only if the log's head, the stream's version and the projections'
/// checkpoints are still what the batch was made from; otherwise it writes nothing and answers
/// false (``Outcome/stale``), and the caller takes the transactional path, which reads them again.
/// Either way the rows written are exactly those the transactional path would write.
///
/// It applies (``init(_:to:expected:known:projections:schema:channel:)``) only to an append that
/// changes no read model, since projections read their rows under the lock, and whose stream's
/// version follows from its expectation (`.noStream` or `.exact`). Like the transactional fast
/// path it does not look the batch's ids up: a recorded one makes `UNIQUE(event_id)` refuse the
/// call (``PostgresAppendTransaction/FastPathMiss``).
struct PostgresAppendCall {
    let records: [RecordedEvent]
    let stream: StreamName
    let known: PostgresKnownHead
    let current: [any Projection]
    let projectionNames: [String]
    let schema: String
    let channel: String

    /// How a store's calls went: batches written, and stale answers (for tests and the benchmark).
    struct Counts: Sendable, Equatable {
        var written = 0
        var stale = 0
    }

    /// What the call did.
    enum Outcome {
        /// Written and committed; where the log stands now.
        case written(AppendResult, PostgresKnownHead)
        /// What the caller knew was stale: nothing written. Where the log stands, and the stream's version.
        case stale(PostgresKnownHead, streamVersion: Int64)
    }

    /// The call for a batch, or nil when it does not apply (see the type's description).
    init?(
        _ batch: [NewEvent], to stream: StreamName, expected: ExpectedVersion, known: PostgresKnownHead,
        projections: [any Projection], schema: String, channel: String
    ) {
        let version: Int64
        switch expected {
        case .noStream: version = 0
        case .exact(let exact): version = exact
        case .any: return nil
        }
        let current = PostgresAppendTransaction.currentProjections(
            projections, checkpoints: known.checkpoints, logIsEmpty: known.head.position == 0)
        guard !batch.isEmpty, !batch.contains(where: { event in current.contains { $0.handles(event.type) } }) else {
            return nil
        }
        self.records = PostgresAppendTransaction.chain(batch, to: stream, from: known.head, firstVersion: version + 1)
        self.stream = stream
        self.known = known
        self.current = current
        self.projectionNames = projections.map(\.name)
        self.schema = schema
        self.channel = channel
    }

    /// Calls the function on `connection` (outside any transaction).
    func run(on connection: PostgresConnection) async throws -> Outcome {
        let last = records.last!
        let knownCheckpoints = projectionNames.compactMap { name in known.checkpoints[name].map { (name, $0) } }
        var bindings = PostgresBindings(capacity: 26)
        bindings.append(PostgresSchema.appendLockClass)
        bindings.append(schema)
        bindings.append(known.head.position)
        bindings.append(ByteBuffer(bytes: known.head.hash))
        bindings.append(stream.rawValue)
        bindings.append(records[0].version - 1)
        bindings.append(projectionNames)
        bindings.append(knownCheckpoints.map(\.0))
        bindings.append(knownCheckpoints.map(\.1))
        bindings.appendEventColumns(records)
        bindings.append(current.map(\.name))
        bindings.append(current.map { Int64($0.version) })
        bindings.append(channel)
        let rows: [PostgresRow]
        do {
            rows = try await connection.fetch(Call.self, bindings: bindings)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw PostgresAppendTransaction.FastPathMiss()
        }
        // A function with OUT parameters answers one row; without one, take the careful path.
        guard let row = rows.first else { throw PostgresAppendTransaction.FastPathMiss() }
        let (written, position, hash, streamVersion, names, versions) = try row.decode(
            (Bool, Int64, Data?, Int64, [String], [Int64]).self)
        guard written else {
            let head = position == 0 ? LogHead.empty : LogHead(position: position, hash: hash ?? Data())
            let checkpoints = Dictionary(zip(names, versions), uniquingKeysWith: { first, _ in first })
            return .stale(PostgresKnownHead(head: head, checkpoints: checkpoints), streamVersion: streamVersion)
        }
        var checkpoints = known.checkpoints
        for projection in current { checkpoints[projection.name] = Int64(projection.version) }
        return .written(
            AppendResult(positions: records.map(\.position), streamVersion: last.version, wasDuplicate: false),
            PostgresKnownHead(head: LogHead(position: last.position, hash: last.hash), checkpoints: checkpoints))
    }

    /// The call.
    enum Call: PreparedText {
        static let name = "channel_ledger_append_call"
        /// It names no table: a first use that fails (`busy` under contention) failed running, not preparing.
        static let preparationMayFail = false
        static let sql = "SELECT * FROM channel_ledger_append(\((1...26).map { "$\($0)" }.joined(separator: ", ")))"
    }

    /// The function (migration 8). Under the append lock it reads the head, the stream's version
    /// and the checkpoints of the store's projections, and returns them without writing
    /// (`written` false) if any differs from what the caller knew. Otherwise it writes what
    /// ``PostgresAppendTransaction``'s statement writes for an append changing no read model: the
    /// stream row, the events, the current projections' checkpoints and the NOTIFY. It runs with
    /// the caller's rights and search path (the store's schema), like the store's statements.
    static let createFunction = """
        CREATE FUNCTION channel_ledger_append(
            lock_class integer, lock_name text, known_position bigint, known_hash bytea,
            stream_name text, known_version bigint, projection_names text[], known_names text[],
            known_versions bigint[],
            e_positions bigint[], e_ids uuid[], e_versions bigint[], e_types text[], e_schema_versions bigint[],
            e_recorded_ats bigint[], e_actors text[], e_has_correlations boolean[], e_correlation_ids uuid[],
            e_has_causations boolean[], e_causation_ids uuid[], e_sources text[], e_payloads bytea[],
            e_hashes bytea[],
            current_names text[], current_versions bigint[], notify_channel text,
            OUT written boolean, OUT head_position bigint, OUT head_hash bytea, OUT stream_version bigint,
            OUT checkpoint_names text[], OUT checkpoint_versions bigint[]
        ) LANGUAGE plpgsql AS $$
        DECLARE
            stream bigint;
            last_position bigint := e_positions[cardinality(e_positions)];
        BEGIN
            written := false;
            PERFORM pg_advisory_xact_lock(lock_class, hashtext(lock_name));
            SELECT position, hash INTO head_position, head_hash FROM events ORDER BY position DESC LIMIT 1;
            head_position := coalesce(head_position, 0);
            SELECT id, version INTO stream, stream_version FROM streams WHERE name = stream_name;
            stream_version := coalesce(stream_version, 0);
            SELECT coalesce(array_agg(name), '{}'), coalesce(array_agg(version), '{}')
                INTO checkpoint_names, checkpoint_versions FROM checkpoints WHERE name = ANY (projection_names);
            IF head_position <> known_position OR (head_position > 0 AND head_hash <> known_hash)
                OR stream_version <> known_version
                OR cardinality(checkpoint_names) <> cardinality(known_names)
                OR EXISTS (SELECT FROM unnest(checkpoint_names, checkpoint_versions) AS c(name, version)
                    WHERE NOT EXISTS (SELECT FROM unnest(known_names, known_versions) AS k(name, version)
                        WHERE k.name = c.name AND k.version = c.version)) THEN
                RETURN;
            END IF;
            IF stream IS NULL THEN
                INSERT INTO streams (name, version) VALUES (stream_name, e_versions[cardinality(e_versions)])
                RETURNING id INTO stream;
            ELSE
                UPDATE streams SET version = e_versions[cardinality(e_versions)] WHERE id = stream;
            END IF;
            INSERT INTO events (position, event_id, stream_id, version, type, schema_version, recorded_at, actor,
                correlation_id, causation_id, source, payload, hash)
            SELECT b.position, b.event_id, stream, b.version, b.type, b.schema_version, b.recorded_at, b.actor,
                CASE WHEN b.has_correlation THEN b.correlation_id END,
                CASE WHEN b.has_causation THEN b.causation_id END,
                b.source, b.payload, b.hash
            FROM unnest(e_positions, e_ids, e_versions, e_types, e_schema_versions, e_recorded_ats, e_actors,
                e_has_correlations, e_correlation_ids, e_has_causations, e_causation_ids, e_sources, e_payloads,
                e_hashes)
                AS b(position, event_id, version, type, schema_version, recorded_at, actor, has_correlation,
                    correlation_id, has_causation, causation_id, source, payload, hash);
            INSERT INTO checkpoints (name, version, position)
            SELECT p.name, p.version, last_position FROM unnest(current_names, current_versions) AS p(name, version)
            ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position;
            PERFORM pg_notify(notify_channel, last_position::text);
            written := true;
        END
        $$
        """
}
