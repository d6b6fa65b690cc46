import EventSourcing
import Foundation
import GRDB

/// Read-model storage over the append transaction's connection: what inline projections write to.
///
/// Everything it writes commits or rolls back with the batch being appended.
final class SQLiteReadModelWriter: ReadModelWriter {
    private let db: Database

    init(_ db: Database) {
        self.db = db
    }

    func document(_ model: String, key: String) throws -> Data? {
        try Data.fetchOne(
            db.cachedStatement(
                sql: "SELECT data FROM documents WHERE model = CAST(? AS TEXT) AND key = CAST(? AS TEXT)"),
            arguments: [SQLiteText.bind(model), SQLiteText.bind(key)])
    }

    func setDocument(_ model: String, key: String, to data: Data?) throws {
        if let data {
            try db.cachedStatement(
                sql: """
                    INSERT INTO documents (model, key, data) VALUES (CAST(? AS TEXT), CAST(? AS TEXT), coalesce(?, x''))
                    ON CONFLICT (model, key) DO UPDATE SET data = excluded.data
                    """
            ).execute(arguments: [SQLiteText.bind(model), SQLiteText.bind(key), data])
        } else {
            try db.cachedStatement(sql: "DELETE FROM documents WHERE model = CAST(? AS TEXT) AND key = CAST(? AS TEXT)")
                .execute(arguments: [SQLiteText.bind(model), SQLiteText.bind(key)])
        }
    }

    func claim(_ kind: String, value: String, owner: String) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO claims (kind, value, owner) VALUES (CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))
                ON CONFLICT (kind, value) DO NOTHING
                """
        ).execute(arguments: [SQLiteText.bind(kind), SQLiteText.bind(value), SQLiteText.bind(owner)])
        guard db.changesCount == 0 else { return }
        let holder = try db.cachedStatement(
            sql: "SELECT owner FROM claims WHERE kind = CAST(? AS TEXT) AND value = CAST(? AS TEXT)"
        ).firstRow(arguments: [SQLiteText.bind(kind), SQLiteText.bind(value)]) { try SQLiteText.read($0, 0) }
        if let holder, holder != owner {
            throw EventStoreError.claimConflict(kind: kind, value: value, owner: holder)
        }
    }

    func release(_ kind: String, value: String, owner: String) throws {
        try db.cachedStatement(
            sql:
                "DELETE FROM claims WHERE kind = CAST(? AS TEXT) AND value = CAST(? AS TEXT) AND owner = CAST(? AS TEXT)"
        )
        .execute(arguments: [SQLiteText.bind(kind), SQLiteText.bind(value), SQLiteText.bind(owner)])
    }

    /// Records that every projection has applied the log up to `position`.
    static func updateCheckpoints(_ db: Database, projections: [any Projection], position: Int64) throws {
        guard !projections.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO checkpoints (name, version, position) VALUES (CAST(? AS TEXT), ?, ?)
                ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position
                """)
        for projection in projections {
            try statement.execute(arguments: [SQLiteText.bind(projection.name), projection.version, position])
        }
    }
}
