import EventSourcing
import Foundation
import GRDB

/// Blue/green projection rebuilds: batches go to the projection's staging tables with the
/// staging checkpoint in the same transaction; the swap replaces the live rows in one
/// `BEGIN IMMEDIATE` transaction, so readers (WAL snapshots) see the old models or the new.
extension SQLiteEventStore {
    /// Every projection checkpoint the store records, by name.
    public func projectionCheckpoints() async throws -> [ProjectionCheckpoint] {
        try await reading("reading the checkpoints of") { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT name, version, position FROM checkpoints ORDER BY name")
            var checkpoints: [ProjectionCheckpoint] = []
            while let row = try rows.next() {
                checkpoints.append(
                    ProjectionCheckpoint(name: try SQLiteText.read(row, 0), version: row[1], position: row[2]))
            }
            return checkpoints
        }
    }

    /// The staged rebuild of a projection, if one exists.
    public func stagedRebuild(_ name: String) async throws -> StagedRebuild? {
        try await reading("reading a rebuild from") { db in try Self.stagedRow(db, name) }
    }

    /// Takes the staging area over, emptying it unless it holds this version and `restart` is false.
    public func startRebuild(_ projection: any Projection, owner: UUID, restart: Bool) async throws -> StagedRebuild {
        let (name, version) = (projection.name, projection.version)
        return try await rebuildWrite("starting a rebuild in") { db in
            if let staged = try Self.stagedRow(db, name), staged.version == version, !restart {
                try db.execute(
                    sql: "UPDATE staged_rebuilds SET owner = ? WHERE name = CAST(? AS TEXT)",
                    arguments: [owner, SQLiteText.bind(name)])
                return StagedRebuild(name: name, version: version, position: staged.position, owner: owner)
            }
            try Self.dropStaging(db, name)
            try db.execute(
                sql: "INSERT INTO staged_rebuilds (name, version, position, owner) VALUES (CAST(? AS TEXT), ?, 0, ?)",
                arguments: [SQLiteText.bind(name), version, owner])
            return StagedRebuild(name: name, version: version, position: 0, owner: owner)
        }
    }

    /// Applies a batch to the staging tables and moves the staging checkpoint, in one transaction.
    public func stage(_ events: [RecordedEvent], for projection: any Projection, owner: UUID) async throws {
        guard let first = events.first, let last = events.last else { return }
        try await rebuildWrite("rebuilding a projection in") { db in
            let staged = try Self.ownedStaging(db, projection.name, owner)
            guard first.position == staged.position + 1 else {
                throw ProjectionRebuildError.notContiguous(
                    projection: projection.name, staged: staged.position, first: first.position)
            }
            try projection.apply(events, to: SQLiteReadModelWriter(db, area: .staged(projection: projection.name)))
            try Self.moveStaging(db, projection.name, to: last.position)
        }
    }

    /// Applies the events after the staging checkpoint, then replaces the projection's live
    /// documents, claims and checkpoint with the staged ones, all in one write transaction.
    public func completeRebuild(_ projection: any Projection, owner: UUID) async throws -> Int64 {
        let path = path
        return try await rebuildWrite("swapping a rebuilt projection into") { db in
            let name = projection.name
            var position = try Self.ownedStaging(db, name, owner).position
            let staging = SQLiteReadModelWriter(db, area: .staged(projection: name))
            let statement = try db.cachedStatement(sql: EventRowDecoder.afterPositionSQL)
            var decoder = EventRowDecoder(path: path)
            while true {
                let batch = try decoder.decodeAll(statement, arguments: [position, 5_000], expecting: 5_000)
                guard let last = batch.last else { break }
                try projection.apply(batch, to: staging)
                position = last.position
            }
            // The live rows the projection owns are replaced by its staged rows, table by table.
            for (table, owner, columns, owned) in [
                ("documents", "model", "model, key, data", projection.models),
                ("claims", "kind", "kind, value, owner", projection.claimKinds),
            ] {
                let values = owned.map(SQLiteText.bind)
                let list = Self.placeholders(owned.count)
                try db.execute(
                    sql: "DELETE FROM \(table) WHERE \(owner) IN (\(list))", arguments: StatementArguments(values))
                try db.execute(
                    sql: """
                        INSERT INTO \(table) (\(columns)) SELECT \(columns) FROM staged_\(table)
                        WHERE projection = CAST(? AS TEXT) AND \(owner) IN (\(list))
                        """, arguments: StatementArguments([SQLiteText.bind(name)] + values))
            }
            try db.execute(
                sql: SQLiteReadModelWriter.upsertCheckpointSQL,
                arguments: [SQLiteText.bind(name), projection.version, position])
            try Self.dropStaging(db, name)
            return position
        }
    }

    /// Sets the projections' checkpoints to the invalidated version (positions kept), in one write
    /// transaction: the appends after it read that version and leave the models alone.
    public func invalidate(_ projections: [any Projection]) async throws {
        guard !projections.isEmpty else { return }
        let names = projections.map(\.name)
        try await rebuildWrite("invalidating the projections of") { db in
            for name in names {
                try db.execute(
                    sql: """
                        INSERT INTO checkpoints (name, version, position) VALUES (CAST(? AS TEXT), ?, 0)
                        ON CONFLICT (name) DO UPDATE SET version = excluded.version
                        """, arguments: [SQLiteText.bind(name), ProjectionCheckpoint.invalidatedVersion])
            }
        }
    }

    /// A write transaction (`BEGIN IMMEDIATE`) with busy retries; SQLite errors are translated,
    /// rebuild errors pass through.
    private func rebuildWrite<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T)
        async throws -> T
    {
        do {
            return try await options.retry.run {
                try await pool.writeWithoutTransaction { db in
                    var result: T?
                    try db.inTransaction(.immediate) {
                        result = try body(db)
                        return .commit
                    }
                    return result!
                }
            }
        } catch let error as ProjectionRebuildError {
            throw error
        } catch let error as EventStoreError {
            throw error
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: operation)
        }
    }

    private static func stagedRow(_ db: Database, _ name: String) throws -> StagedRebuild? {
        try db.cachedStatement(sql: "SELECT version, position, owner FROM staged_rebuilds WHERE name = CAST(? AS TEXT)")
            .firstRow(arguments: [SQLiteText.bind(name)]) { row in
                StagedRebuild(name: name, version: row[0], position: row[1], owner: row[2])
            }
    }

    /// The staging row, if `owner` still owns it.
    private static func ownedStaging(_ db: Database, _ name: String, _ owner: UUID) throws -> StagedRebuild {
        guard let staged = try stagedRow(db, name), staged.owner == owner else {
            throw ProjectionRebuildError.takenOver(name)
        }
        return staged
    }

    private static func moveStaging(_ db: Database, _ name: String, to position: Int64) throws {
        try db.cachedStatement(sql: "UPDATE staged_rebuilds SET position = ? WHERE name = CAST(? AS TEXT)")
            .execute(arguments: [position, SQLiteText.bind(name)])
    }

    private static func dropStaging(_ db: Database, _ name: String) throws {
        for table in ["staged_documents", "staged_claims"] {
            try db.execute(
                sql: "DELETE FROM \(table) WHERE projection = CAST(? AS TEXT)", arguments: [SQLiteText.bind(name)])
        }
        try db.execute(
            sql: "DELETE FROM staged_rebuilds WHERE name = CAST(? AS TEXT)", arguments: [SQLiteText.bind(name)])
    }

    private static func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "CAST(? AS TEXT)", count: count).joined(separator: ", ")
    }
}
