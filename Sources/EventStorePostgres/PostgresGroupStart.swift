import EventSourcing
import Foundation
import PostgresNIO

/// Where the appends of a group start: read once, in one round trip, for every stream of the
/// group, then moved along as each append writes, so an append of a group costs only its write
/// (``PostgresGroupCommit``).
struct PostgresGroupStart {
    var head: LogHead
    var checkpoints: [String: Int64]
    /// The version of every stream of the group that exists (by name).
    var versions: [String: Int64]

    /// Reads the head, the checkpoints and the versions of `streams`, without the append lock.
    static func read(streams: [StreamName], projections: [any Projection], on connection: PostgresConnection)
        async throws -> PostgresGroupStart
    {
        try decode(
            try await connection.fetch(StartQuery.self, binding: [streams.map(\.rawValue), projections.map(\.name)]))
    }

    /// Takes the append lock of `schema` (until the transaction ends) and then reads as ``read(streams:projections:on:)``
    /// does, in one round trip: each statement of the function sees every commit made before it
    /// started, so the reads after the lock see the previous writer's commit.
    static func readLocked(
        streams: [StreamName], projections: [any Projection], schema: String, on connection: PostgresConnection
    ) async throws -> PostgresGroupStart {
        try decode(
            try await connection.fetch(
                LockedStartQuery.self,
                binding: [
                    PostgresSchema.appendLockClass, schema, streams.map(\.rawValue), projections.map(\.name),
                ]))
    }

    private static func decode(_ rows: [PostgresRow]) throws -> PostgresGroupStart {
        guard let row = rows.first else {
            return PostgresGroupStart(position: nil, hash: nil, checkpoints: ([], []), streams: ([], []))
        }
        let (position, hash, names, checkpointVersions, streamNames, streamVersions) = try row.decode(
            (Int64?, Data?, [String]?, [Int64]?, [String]?, [Int64]?).self)
        return PostgresGroupStart(
            position: position, hash: hash, checkpoints: (names ?? [], checkpointVersions ?? []),
            streams: (streamNames ?? [], streamVersions ?? []))
    }

    /// A start from the columns the server answers: the head's position (nil or 0: an empty log)
    /// and hash, and the checkpoints and stream versions as parallel arrays of names and versions.
    init(
        position: Int64?, hash: Data?, checkpoints: (names: [String], versions: [Int64]),
        streams: (names: [String], versions: [Int64])
    ) {
        self.head = (position ?? 0) == 0 ? .empty : LogHead(position: position!, hash: hash ?? Data())
        self.checkpoints = Dictionary(
            zip(checkpoints.names, checkpoints.versions), uniquingKeysWith: { first, _ in first })
        self.versions = Dictionary(zip(streams.names, streams.versions), uniquingKeysWith: { first, _ in first })
    }

    /// The head, the checkpoints of the projections named by $2 and the versions of the streams named by $1.
    enum StartQuery: PreparedText {
        static let name = "channel_ledger_start"
        static let sql = """
            SELECT h.position, h.hash, c.names, c.versions, s.names, s.versions
            FROM (SELECT array_agg(name) AS names, array_agg(version) AS versions
                FROM checkpoints WHERE name = ANY($2::text[])) c
            CROSS JOIN (SELECT array_agg(name) AS names, array_agg(version) AS versions
                FROM streams WHERE name = ANY($1::text[])) s
            LEFT JOIN LATERAL (SELECT position, hash FROM events ORDER BY position DESC LIMIT 1) h ON true
            """
    }

    /// The lock and the start query in one call of the store's function (migration 8).
    enum LockedStartQuery: PreparedText {
        static let name = "channel_ledger_locked_start"
        /// It names no table: a first use that fails (`busy` under contention) failed running, not preparing.
        static let preparationMayFail = false
        static let sql = "SELECT * FROM channel_ledger_lock_and_start($1, $2, $3, $4)"
    }

    /// Where the next append to `stream` starts.
    func start(of stream: StreamName) -> PostgresAppendStart {
        let version = versions[stream.rawValue]
        return PostgresAppendStart(
            streamExists: version != nil, version: version ?? 0, head: head, checkpoints: checkpoints)
    }

    /// Moves past rows just written to `stream`: the new head, the stream's version, and the
    /// checkpoints the write recorded (a first write to an empty log records every projection's).
    mutating func advance(past rows: PostgresAppendTransaction.Rows, of stream: StreamName) {
        guard let last = rows.records.last else { return }
        (head, checkpoints) = (rows.after.head, rows.after.checkpoints)
        versions[stream.rawValue] = last.version
    }

    /// Where the log stands once the group commits.
    var known: PostgresKnownHead { PostgresKnownHead(head: head, checkpoints: checkpoints) }
}
