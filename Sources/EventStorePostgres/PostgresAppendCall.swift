import EventSourcing
import Foundation
import PostgresNIO

/// Appends in one round trip: a `CALL` of the store's `channel_ledger_append` procedure (migration 8,
/// ``PostgresSchema/v8``), for a lone append, a whole group or a chunk of batches.
///
/// The transactional path (``PostgresAppendTransaction``) costs four round trips and one per
/// append of a group: `BEGIN`, the append lock with the read of where the appends start, each
/// write and `COMMIT`. Its hashes chain from the head, which it reads under the lock. Here they
/// are chained before the call from the head this process saw after its last append
/// (``PostgresKnownHead``), and the procedure, under the same lock, writes only if the log's
/// head, the versions of the appends' streams and the projections' checkpoints are still what the
/// batches were made from; otherwise it writes nothing and returns what it found
/// (``Outcome/stale``), from which the caller may build the call again. Either way the rows written
/// are exactly those the transactional path would write.
///
/// The procedure commits before it answers (`COMMIT` inside it, which a `CALL` outside a
/// transaction block may run), so an answer that says written was committed: a commit that fails
/// (its `NOTIFY` waiting too long for PostgreSQL's notification lock, say) is an error instead. A
/// function in autocommit would answer first and commit at the end of the message cycle, where
/// postgres-nio, already done with the call, would take a failure for an unexpected message.
///
/// It applies (``init(_:versions:known:projections:schema:channel:server:)``) only when no append
/// changes a read model, since projections read their rows under the lock, and every append's
/// expectation agrees with the version its stream is taken to have. Like the transactional fast
/// path it does not look ids up: a recorded one makes `UNIQUE(event_id)` refuse the call
/// (``PostgresAppendTransaction/FastPathMiss``).
struct PostgresAppendCall {
    /// Each append's records, in order: positions follow one another from the known head.
    let records: [[RecordedEvent]]
    /// The distinct streams, in the order they first appear: the version each is taken to have
    /// (0: absent) and the one it will have.
    let streams: [(name: String, version: Int64, last: Int64)]
    let known: PostgresKnownHead
    let current: [any Projection]
    let projectionNames: [String]
    let schema: String
    let channel: String
    let server: String

    /// How a store's calls went: calls written, and stale answers (for tests and the benchmark).
    struct Counts: Sendable, Equatable {
        var written = 0
        var stale = 0
    }

    /// What the call did.
    enum Outcome {
        /// Written and committed: each append's result, and where the log stands now.
        case written([AppendResult], PostgresKnownHead)
        /// What the caller knew was stale: nothing written. Where the log stands, with the versions
        /// of the streams that exist.
        case stale(PostgresGroupStart)
    }

    /// The call for `appends`, chained from `known`, or nil when it does not apply (see the type's
    /// description). A stream's version is taken from `versions` (what the server answered), else
    /// from the expectation of its first append (`.exact(n)`: n; `.noStream` and `.any`: new, as
    /// most such appends' streams are).
    init?(
        _ appends: [PostgresGroupCommit.Request], versions: [String: Int64], known: PostgresKnownHead,
        projections: [any Projection], schema: String, channel: String, server: String
    ) {
        let current = PostgresAppendTransaction.currentProjections(
            projections, checkpoints: known.checkpoints, logIsEmpty: known.head.position == 0)
        var head = known.head
        var records: [[RecordedEvent]] = []
        var streams: [(name: String, version: Int64, last: Int64)] = []
        var index: [String: Int] = [:]
        var unread: String?  // the last type found read by no current projection
        for append in appends {
            guard !append.events.isEmpty else { return nil }
            for event in append.events where event.type != unread {
                // Runs of one type are common: each run is asked about once.
                if current.contains(where: { $0.handles(event.type) }) { return nil }
                unread = event.type
            }
            let name = append.stream.rawValue
            let version: Int64
            if let at = index[name] {
                version = streams[at].last
            } else {
                version =
                    versions[name]
                    ?? {
                        if case .exact(let exact) = append.expected { exact } else { 0 }
                    }()
                index[name] = streams.count
                streams.append((name, version, version))
            }
            guard append.expected.accepts(version) else { return nil }
            let chained = PostgresAppendTransaction.chain(
                append.events, to: append.stream, from: head, firstVersion: version + 1)
            let last = chained.last!
            head = LogHead(position: last.position, hash: last.hash)
            streams[index[name]!].last = last.version
            records.append(chained)
        }
        guard !records.isEmpty else { return nil }
        self.records = records
        self.streams = streams
        self.known = known
        self.current = current
        self.projectionNames = projections.map(\.name)
        self.schema = schema
        self.channel = channel
        self.server = server
    }

    /// Calls the procedure on `connection` (outside any transaction block).
    func run(on connection: PostgresConnection) async throws -> Outcome {
        let all = records.flatMap { $0 }
        let last = all.last!
        let knownCheckpoints = projectionNames.compactMap { name in known.checkpoints[name].map { (name, $0) } }
        var bindings = PostgresBindings(capacity: Call.parameters)
        bindings.append(PostgresSchema.appendLockClass)
        bindings.append(schema)
        bindings.append(known.head.position)
        bindings.append(ByteBuffer(bytes: known.head.hash))
        bindings.append(projectionNames)
        bindings.append(knownCheckpoints.map(\.0))
        bindings.append(knownCheckpoints.map(\.1))
        bindings.append(streams.map(\.name))
        bindings.append(streams.map(\.version))
        bindings.append(streams.map(\.last))
        bindings.append(PostgresBinaryArray(all.map(\.stream.rawValue)))
        bindings.appendEventColumns(all)
        bindings.append(current.map(\.name))
        bindings.append(current.map { Int64($0.version) })
        bindings.append(channel)
        let rows: [PostgresRow]
        do {
            rows = try await connection.fetch(Call.self, bindings: bindings)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw PostgresAppendTransaction.FastPathMiss()
        }
        // A procedure with INOUT parameters answers exactly one row.
        guard let row = rows.first else {
            throw PostgresStoreError.unreadableValue(server: server, what: "the answer of channel_ledger_append")
        }
        let (written, position, hash, names, versions, checkpointNames, checkpointVersions) = try row.decode(
            (Bool, Int64, Data?, [String], [Int64], [String], [Int64]).self)
        guard written else {
            return .stale(
                PostgresGroupStart(
                    position: position, hash: hash, checkpoints: (checkpointNames, checkpointVersions),
                    streams: (names, versions)))
        }
        return .written(
            records.map {
                AppendResult(positions: $0.map(\.position), streamVersion: $0.last!.version, wasDuplicate: false)
            },
            known.advanced(to: last, moving: current))
    }

    /// The call.
    enum Call: PreparedText {
        /// The parameters bound: lock (2), known head (2), checkpoints (3), streams (3), each
        /// event's stream and columns (15), the current projections (2), the NOTIFY channel (1);
        /// then the seven INOUT answers, passed as NULL.
        static let parameters = 28
        static let name = "channel_ledger_append_call"
        /// It names no table: a first use that fails (`busy` under contention) failed running, not preparing.
        static let preparationMayFail = false
        static let sql =
            "CALL channel_ledger_append(\((1...parameters).map { "$\($0)" }.joined(separator: ", ")), NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
    }
}
