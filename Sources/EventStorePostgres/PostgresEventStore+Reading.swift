import EventSourcing
import Foundation
import PostgresNIO

extension PostgresEventStore {
    /// The events of one stream from a version (1-based, inclusive), in order.
    public func read(stream: StreamName, from version: Int64) async throws -> [RecordedEvent] {
        // PostgreSQL text cannot hold U+0000, so no stored stream has such a name.
        guard !stream.rawValue.utf8.contains(0) else { return [] }
        let server = server
        return try await reading("reading") { connection in
            let rows = try await connection.fetch(.sql(PostgresEventRow.streamSQL, stream.rawValue, version))
            var decoder = PostgresEventRow(server: server)
            return try decoder.decodeAll(rows)
        }
    }

    /// Up to `limit` events of one stream past a global position, in order, by one indexed query.
    public func read(stream: StreamName, after position: Int64, limit: Int) async throws -> [RecordedEvent] {
        guard limit > 0, !stream.rawValue.utf8.contains(0) else { return [] }
        let server = server
        return try await reading("reading") { connection in
            let rows = try await connection.fetch(
                .sql(PostgresEventRow.streamPageSQL, stream.rawValue, position, Int64(limit)))
            var decoder = PostgresEventRow(server: server)
            return try decoder.decodeAll(rows)
        }
    }

    /// Up to `limit` events after a global position, in position order.
    public func readAll(after position: Int64, limit: Int) async throws -> [RecordedEvent] {
        guard limit > 0 else { return [] }
        let server = server
        return try await reading("reading") { connection in
            let rows = try await connection.fetch(.sql(PostgresEventRow.afterPositionSQL, position, Int64(limit)))
            var decoder = PostgresEventRow(server: server)
            return try decoder.decodeAll(rows)
        }
    }

    /// The current version of a stream (0 when it has no events).
    public func version(of stream: StreamName) async throws -> Int64 {
        guard !stream.rawValue.utf8.contains(0) else { return 0 }
        return try await reading("reading") { connection in
            try await connection.first(
                .sql("SELECT version FROM streams WHERE name = $1", stream.rawValue), as: Int64.self) ?? 0
        }
    }

    /// The newest position and hash.
    public func head() async throws -> LogHead {
        try await reading("reading") { connection in
            let rows = try await connection.fetch("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1")
            guard let row = rows.first else { return .empty }
            let (position, hash) = try row.decode((Int64, Data).self)
            return LogHead(position: position, hash: hash)
        }
    }

    /// The document under a key.
    public func document(_ model: String, key: String) async throws -> Data? {
        guard !model.utf8.contains(0), !key.utf8.contains(0) else { return nil }
        return try await reading("reading a read model from") { connection in
            try await connection.first(
                .sql("SELECT data FROM documents WHERE model = $1 AND key = $2", model, key), as: Data.self)
        }
    }

    /// The documents under `keys`, in one query (`key = ANY($2)`).
    public func documents(_ model: String, keys: [String]) async throws -> [String: Data] {
        let keys = keys.filter { !$0.utf8.contains(0) }
        guard !model.utf8.contains(0), !keys.isEmpty else { return [:] }
        return try await reading("reading a read model from") { connection in
            var documents: [String: Data] = [:]
            for row in try await connection.fetch(
                .sql("SELECT key, data FROM documents WHERE model = $1 AND key = ANY($2)", model, keys))
            {
                let (key, data) = try row.decode((String, Data).self)
                documents[key] = data
            }
            return documents
        }
    }

    /// Every document of a model, ordered by key (byte order, as on SQLite).
    public func documents(_ model: String) async throws -> [ReadModelDocument] {
        guard !model.utf8.contains(0) else { return [] }
        return try await reading("reading a read model from") { connection in
            try await connection.fetch(.sql("SELECT key, data FROM documents WHERE model = $1 ORDER BY key", model))
                .map { row in
                    let (key, data) = try row.decode((String, Data).self)
                    return ReadModelDocument(key: key, data: data)
                }
        }
    }

    /// A page of a model's documents after a key, by key (byte order, as on SQLite).
    public func documents(_ model: String, after: String?, limit: Int) async throws -> [ReadModelDocument] {
        guard !model.utf8.contains(0), !(after ?? "").utf8.contains(0) else { return [] }
        return try await reading("reading a read model from") { connection in
            try await connection.fetch(
                .sql(
                    "SELECT key, data FROM documents WHERE model = $1 AND key > $2 ORDER BY key LIMIT $3", model,
                    after ?? "", Int64(max(0, limit)))
            ).map { row in
                let (key, data) = try row.decode((String, Data).self)
                return ReadModelDocument(key: key, data: data)
            }
        }
    }

    /// A page of a kind's claims with a prefix, after a value, by value (a range of the primary key).
    public func claims(_ kind: String, prefix: String, after: String?, limit: Int) async throws -> [ReadModelClaim] {
        guard !kind.utf8.contains(0), !prefix.utf8.contains(0), !(after ?? "").utf8.contains(0) else { return [] }
        let lower = max(prefix, after ?? "")
        let upper = claimPrefixBound(prefix)
        return try await reading("reading a read model from") { connection in
            try await connection.fetch(
                .sql(
                    """
                    SELECT value, owner FROM claims
                    WHERE kind = $1 AND value >= $2 AND value > $3 AND ($4 = '' OR value < $4)
                    ORDER BY value LIMIT $5
                    """, kind, lower, after ?? "", upper ?? "", Int64(max(0, limit)))
            ).map { row in
                let (value, owner) = try row.decode((String, String).self)
                return ReadModelClaim(value: value, owner: owner)
            }
        }
    }

    /// The owner of a claimed value.
    public func claimOwner(_ kind: String, value: String) async throws -> String? {
        guard !kind.utf8.contains(0), !value.utf8.contains(0) else { return nil }
        return try await reading("reading a read model from") { connection in
            try await connection.first(
                .sql("SELECT owner FROM claims WHERE kind = $1 AND value = $2", kind, value), as: String.self)
        }
    }

    /// The sealed data key of a subject, if stored.
    public func subjectKey(_ subject: String) async throws -> Data? {
        guard !subject.utf8.contains(0) else { return nil }
        return try await reading("reading a subject key from") { connection in
            try await connection.first(
                .sql("SELECT sealed FROM subject_keys WHERE subject = $1", subject), as: Data.self)
        }
    }

    /// The position a projection has applied up to.
    public func checkpoint(_ projection: String) async throws -> Int64 {
        guard !projection.utf8.contains(0) else { return 0 }
        return try await reading("reading a checkpoint from") { connection in
            try await connection.first(
                .sql("SELECT position FROM checkpoints WHERE name = $1", projection), as: Int64.self) ?? 0
        }
    }
}
