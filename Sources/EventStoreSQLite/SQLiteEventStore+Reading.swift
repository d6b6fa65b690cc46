import EventSourcing
import Foundation
import GRDB

extension SQLiteEventStore {
    /// The events of one stream from a version (1-based, inclusive), in order.
    public func read(stream: StreamName, from version: Int64) async throws -> [RecordedEvent] {
        let path = path
        return try await reading("reading") { db in
            var decoder = EventRowDecoder(path: path)
            return try decoder.decodeAll(
                db.cachedStatement(sql: EventRowDecoder.streamSQL),
                arguments: [SQLiteText.bind(stream.rawValue), version], stream: stream)
        }
    }

    /// Up to `limit` events of one stream past a global position, in order, by one indexed query.
    public func read(stream: StreamName, after position: Int64, limit: Int) async throws -> [RecordedEvent] {
        guard limit > 0 else { return [] }
        let path = path
        return try await reading("reading") { db in
            var decoder = EventRowDecoder(path: path)
            return try decoder.decodeAll(
                db.cachedStatement(sql: EventRowDecoder.streamPageSQL),
                arguments: [SQLiteText.bind(stream.rawValue), position, limit], stream: stream)
        }
    }

    /// Up to `limit` events after a global position, in position order.
    public func readAll(after position: Int64, limit: Int) async throws -> [RecordedEvent] {
        guard limit > 0 else { return [] }
        let path = path
        return try await reading("reading") { db in
            var decoder = EventRowDecoder(path: path)
            return try decoder.decodeAll(
                db.cachedStatement(sql: EventRowDecoder.afterPositionSQL), arguments: [position, limit],
                expecting: min(limit, 10_000))
        }
    }

    /// The current version of a stream (0 when it has no events).
    public func version(of stream: StreamName) async throws -> Int64 {
        try await reading("reading") { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT version FROM streams WHERE name = CAST(? AS TEXT)"),
                arguments: [SQLiteText.bind(stream.rawValue)]
            ) ?? 0
        }
    }

    /// The newest event's position and hash, or ``LogHead/empty``.
    public func head() async throws -> LogHead {
        try await reading("reading") { db in try Self.lastEvent(in: db) ?? .empty }
    }

    /// The position and hash of the newest event of the store `db` reads, nil when it has none.
    static func lastEvent(in db: Database) throws -> LogHead? {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"))
        return try row.map { LogHead(position: try $0.decode(atIndex: 0), hash: try $0.decode(atIndex: 1)) }
    }

    /// The read-model document stored under a key, if any.
    public func document(_ model: String, key: String) async throws -> Data? {
        try await reading("reading a read model from") { db in
            try Data.fetchOne(
                db.cachedStatement(
                    sql: "SELECT data FROM documents WHERE model = CAST(? AS TEXT) AND key = CAST(? AS TEXT)"),
                arguments: [SQLiteText.bind(model), SQLiteText.bind(key)])
        }
    }

    /// The documents under `keys`, in one read transaction (a point lookup each).
    public func documents(_ model: String, keys: [String]) async throws -> [String: Data] {
        guard !keys.isEmpty else { return [:] }
        return try await reading("reading a read model from") { db in
            let statement = try db.cachedStatement(
                sql: "SELECT data FROM documents WHERE model = CAST(? AS TEXT) AND key = CAST(? AS TEXT)")
            var documents: [String: Data] = [:]
            for key in keys {
                let data = try Data.fetchOne(statement, arguments: [SQLiteText.bind(model), SQLiteText.bind(key)])
                if let data { documents[key] = data }
            }
            return documents
        }
    }

    /// Every document of a read model, ordered by key.
    public func documents(_ model: String) async throws -> [ReadModelDocument] {
        try await reading("reading a read model from") { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT key, data FROM documents WHERE model = CAST(? AS TEXT) ORDER BY key"),
                arguments: [SQLiteText.bind(model)])
            var documents: [ReadModelDocument] = []
            while let row = try rows.next() {
                documents.append(ReadModelDocument(key: try SQLiteText.read(row, 0), data: try row.decode(atIndex: 1)))
            }
            return documents
        }
    }

    /// A page of a model's documents after a key, by key (the primary key's order).
    public func documents(_ model: String, after: String?, limit: Int) async throws -> [ReadModelDocument] {
        try await reading("reading a read model from") { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT key, data FROM documents
                        WHERE model = CAST(? AS TEXT) AND key > CAST(? AS TEXT) ORDER BY key LIMIT ?
                        """),
                arguments: [SQLiteText.bind(model), SQLiteText.bind(after ?? ""), max(0, limit)])
            var documents: [ReadModelDocument] = []
            while let row = try rows.next() {
                documents.append(ReadModelDocument(key: try SQLiteText.read(row, 0), data: try row.decode(atIndex: 1)))
            }
            return documents
        }
    }

    /// A page of a kind's claims with a prefix, after a value, by value (a range of the primary key).
    public func claims(_ kind: String, prefix: String, after: String?, limit: Int) async throws -> [ReadModelClaim] {
        let lower = max(prefix, after ?? "")
        let upper = claimPrefixBound(prefix)
        return try await reading("reading a read model from") { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT value, owner FROM claims
                        WHERE kind = CAST(? AS TEXT) AND value >= CAST(? AS TEXT) AND value > CAST(? AS TEXT)
                          AND (? IS NULL OR value < CAST(? AS TEXT))
                        ORDER BY value LIMIT ?
                        """),
                arguments: [
                    SQLiteText.bind(kind), SQLiteText.bind(lower), SQLiteText.bind(after ?? ""),
                    upper.map(SQLiteText.bind), upper.map(SQLiteText.bind), max(0, limit),
                ])
            var claims: [ReadModelClaim] = []
            while let row = try rows.next() {
                claims.append(ReadModelClaim(value: try SQLiteText.read(row, 0), owner: try SQLiteText.read(row, 1)))
            }
            return claims
        }
    }

    /// The owner holding a claimed value, if any.
    public func claimOwner(_ kind: String, value: String) async throws -> String? {
        try await reading("reading a read model from") { db in
            try db.cachedStatement(
                sql: "SELECT owner FROM claims WHERE kind = CAST(? AS TEXT) AND value = CAST(? AS TEXT)"
            ).firstRow(arguments: [SQLiteText.bind(kind), SQLiteText.bind(value)]) { try SQLiteText.read($0, 0) }
        }
    }

    /// The sealed data key of a subject, if stored.
    public func subjectKey(_ subject: String) async throws -> Data? {
        try await reading("reading a subject key from") { db in
            try Data.fetchOne(
                db.cachedStatement(sql: "SELECT sealed FROM subject_keys WHERE subject = CAST(? AS TEXT)"),
                arguments: [SQLiteText.bind(subject)])
        }
    }

    /// The position a projection has applied up to (0 before its first append).
    public func checkpoint(_ projection: String) async throws -> Int64 {
        try await reading("reading a checkpoint from") { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT position FROM checkpoints WHERE name = CAST(? AS TEXT)"),
                arguments: [SQLiteText.bind(projection)]
            ) ?? 0
        }
    }
}
