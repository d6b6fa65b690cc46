import EventSourcing
import Foundation
import GRDB

/// Read-model storage over a write transaction's connection: the live models inline projections
/// write in the append transaction, or one projection's staging area during a rebuild.
///
/// Everything it writes commits or rolls back with the transaction it runs in.
final class SQLiteReadModelWriter: ReadModelWriter {
    /// Which rows the writer reads and writes.
    enum Area {
        /// The live read models readers query.
        case live
        /// A projection's staging area (tables `staged_documents`, `staged_claims`).
        case staged(projection: String)
    }

    private let db: Database
    private let sql: SQL
    /// The staged area's projection, bound as every statement's first parameter; nil for the live models.
    private let projection: String?
    /// The statements prepared so far, by ``Kind``.
    private var calls = [SQLiteCall?](repeating: nil, count: Kind.allCases.count)

    init(_ db: Database, area: Area = .live) {
        self.db = db
        switch area {
        case .live:
            sql = .live
            projection = nil
        case .staged(let projection):
            sql = .staged
            self.projection = projection
        }
    }

    func document(_ model: String, key: String) throws -> Data? {
        try call(.document, model, key).firstBlob()
    }

    func setDocument(_ model: String, key: String, to data: Data?) throws {
        if let data {
            let call = try call(.storeDocument, model, key)
            try call.bind(blob: data, at: projection == nil ? 3 : 4)
            try call.run()
        } else {
            try call(.removeDocument, model, key).run()
        }
    }

    func claim(_ kind: String, value: String, owner: String) throws {
        try call(.claim, kind, value, owner).run()
        guard db.changesCount == 0 else { return }
        let holder = try call(.holder, kind, value).firstText()
        if let holder, holder != owner {
            throw EventStoreError.claimConflict(kind: kind, value: value, owner: holder)
        }
    }

    func release(_ kind: String, value: String, owner: String) throws {
        try call(.release, kind, value, owner).run()
    }

    /// The statement of `kind`, its text parameters bound in order after the area's projection.
    private func call(_ kind: Kind, _ values: String...) throws -> SQLiteCall {
        let call: SQLiteCall
        if let known = calls[kind.rawValue] {
            call = known
        } else {
            call = try SQLiteCall(db, sql: sql[kind])
            calls[kind.rawValue] = call
        }
        var index: Int32 = 1
        if let projection {
            try call.bind(text: projection, at: index)
            index += 1
        }
        for value in values {
            try call.bind(text: value, at: index)
            index += 1
        }
        return call
    }

    /// Sets a projection's checkpoint (name, version, position), creating it if needed.
    static let upsertCheckpointSQL = """
        INSERT INTO checkpoints (name, version, position) VALUES (CAST(? AS TEXT), ?, ?)
        ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position
        """

    /// Moves the checkpoints of `projections` (the ones this append keeps current) to `position`.
    static func updateCheckpoints(_ db: Database, projections: [any Projection], position: Int64) throws {
        guard !projections.isEmpty else { return }
        let statement = try db.cachedStatement(sql: upsertCheckpointSQL)
        for projection in projections {
            try statement.execute(arguments: [SQLiteText.bind(projection.name), projection.version, position])
        }
    }

    /// The projections inline appends keep: those whose checkpoint records their version, and
    /// every one while the log is empty. A projection without one, or of another version, waits
    /// for its rebuild: applying new code to models the old code wrote would mix the two.
    static func currentProjections(_ db: Database, _ projections: [any Projection], logIsEmpty: Bool) throws
        -> [any Projection]
    {
        guard !projections.isEmpty else { return [] }
        var versions: [String: Int] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT name, version FROM checkpoints"))
        while let row = try rows.next() { versions[try SQLiteText.read(row, 0)] = row[1] }
        return projections.filter { projection in
            ProjectionCheckpoint.keepsInline(
                storedVersion: versions[projection.name], projectionVersion: projection.version, logIsEmpty: logIsEmpty)
        }
    }

    /// What a statement does.
    private enum Kind: Int, CaseIterable {
        case document, storeDocument, removeDocument, claim, holder, release
    }

    /// The statements of one area; staged ones take the projection as their first argument.
    private struct SQL {
        var document, storeDocument, removeDocument, claim, holder, release: String

        subscript(kind: Kind) -> String {
            switch kind {
            case .document: document
            case .storeDocument: storeDocument
            case .removeDocument: removeDocument
            case .claim: claim
            case .holder: holder
            case .release: release
            }
        }

        static let live = SQL(
            document: "SELECT data FROM documents WHERE model = CAST(? AS TEXT) AND key = CAST(? AS TEXT)",
            storeDocument: """
                INSERT INTO documents (model, key, data) VALUES (CAST(? AS TEXT), CAST(? AS TEXT), coalesce(?, x''))
                ON CONFLICT (model, key) DO UPDATE SET data = excluded.data
                """,
            removeDocument: "DELETE FROM documents WHERE model = CAST(? AS TEXT) AND key = CAST(? AS TEXT)",
            claim: """
                INSERT INTO claims (kind, value, owner) VALUES (CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))
                ON CONFLICT (kind, value) DO NOTHING
                """,
            holder: "SELECT owner FROM claims WHERE kind = CAST(? AS TEXT) AND value = CAST(? AS TEXT)",
            release: """
                DELETE FROM claims WHERE kind = CAST(? AS TEXT) AND value = CAST(? AS TEXT) AND owner = CAST(? AS TEXT)
                """)

        static let staged = SQL(
            document: """
                SELECT data FROM staged_documents
                WHERE projection = CAST(? AS TEXT) AND model = CAST(? AS TEXT) AND key = CAST(? AS TEXT)
                """,
            storeDocument: """
                INSERT INTO staged_documents (projection, model, key, data)
                VALUES (CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), coalesce(?, x''))
                ON CONFLICT (projection, model, key) DO UPDATE SET data = excluded.data
                """,
            removeDocument: """
                DELETE FROM staged_documents
                WHERE projection = CAST(? AS TEXT) AND model = CAST(? AS TEXT) AND key = CAST(? AS TEXT)
                """,
            claim: """
                INSERT INTO staged_claims (projection, kind, value, owner)
                VALUES (CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))
                ON CONFLICT (projection, kind, value) DO NOTHING
                """,
            holder: """
                SELECT owner FROM staged_claims
                WHERE projection = CAST(? AS TEXT) AND kind = CAST(? AS TEXT) AND value = CAST(? AS TEXT)
                """,
            release: """
                DELETE FROM staged_claims WHERE projection = CAST(? AS TEXT) AND kind = CAST(? AS TEXT)
                    AND value = CAST(? AS TEXT) AND owner = CAST(? AS TEXT)
                """)
    }
}
