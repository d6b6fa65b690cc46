import EventSourcing
import Foundation
import PostgresNIO

/// One projection's staging area (its `staged_rebuilds` row and its rows of `staged_documents` and
/// `staged_claims`), worked on inside the caller's transaction.
///
/// Every rebuild step locks the `staged_rebuilds` row before it reads the owner, so a takeover
/// waits for a batch in flight and the batch after it sees the new owner. Batches are projected
/// with ``StagedReadModels`` over the staging rows and written back, with the staging position,
/// by one statement.
struct PostgresStagingArea {
    let connection: PostgresConnection
    /// The projection's name.
    let name: String

    /// The staging row, if any; with `locking`, locked until the transaction ends.
    func row(locking: Bool) async throws -> StagedRebuild? {
        let sql =
            "SELECT version, position, owner FROM staged_rebuilds WHERE name = $1" + (locking ? " FOR UPDATE" : "")
        guard let row = try await connection.fetch(.sql(sql, name)).first else { return nil }
        let (version, position, owner) = try row.decode((Int64, Int64, UUID).self)
        return StagedRebuild(name: name, version: Int(version), position: position, owner: owner)
    }

    /// The locked staging row, if `owner` still owns it.
    func owned(by owner: UUID) async throws -> StagedRebuild {
        guard let staged = try await row(locking: true), staged.owner == owner else {
            throw ProjectionRebuildError.takenOver(name)
        }
        return staged
    }

    /// Hands the area (locked by ``row(locking:)``) to another owner, keeping what it holds.
    func hand(to owner: UUID) async throws {
        try await connection.run(.sql("UPDATE staged_rebuilds SET owner = $2 WHERE name = $1", name, owner))
    }

    /// Empties the area for a fresh rebuild at `version` owned by `owner`. The row is written (and
    /// so locked) first: a batch of the previous owner either committed before, and is emptied
    /// here, or waits and then finds itself taken over.
    func reset(version: Int, owner: UUID) async throws {
        try await connection.run(
            .sql(
                """
                INSERT INTO staged_rebuilds (name, version, position, owner) VALUES ($1, $2, 0, $3)
                ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = 0, owner = excluded.owner
                """, name, Int64(version), owner))
        try await connection.run(
            .sql(
                """
                WITH removed_documents AS (DELETE FROM staged_documents WHERE projection = $1)
                DELETE FROM staged_claims WHERE projection = $1
                """, name))
    }

    /// Applies a batch to the staging rows and moves the staging position to its last event.
    func apply(_ events: [RecordedEvent], of projection: any Projection) async throws {
        guard let last = events.last else { return }
        let staged = try await StagedReadModels.project(
            events, [projection], in: .staged(projection: name), on: connection)
        let changes = staged?.changes ?? ReadModelChanges()
        try await connection.run(
            .sql(
                Self.writeSQL, name,
                // $2–$11: staged rows removed and stored.
                changes.removedDocuments.map(\.model), changes.removedDocuments.map(\.key),
                changes.storedDocuments.map(\.0.model), changes.storedDocuments.map(\.0.key),
                changes.storedDocuments.map { ByteBuffer(bytes: $0.1) }, changes.removedClaims.map(\.kind),
                changes.removedClaims.map(\.value), changes.storedClaims.map(\.0.kind),
                changes.storedClaims.map(\.0.value), changes.storedClaims.map(\.1),
                // $12: the staging position.
                last.position))
    }

    /// Replaces the live documents of the projection's models and claims of its kinds with the
    /// staged ones, records the projection's version at `position` in its checkpoint and drops
    /// the staging area.
    func swap(_ projection: any Projection, at position: Int64) async throws {
        let (models, kinds) = (projection.models, projection.claimKinds)
        try await connection.run(
            .sql(
                """
                WITH removed_documents AS (DELETE FROM documents WHERE model = ANY($1::text[]))
                DELETE FROM claims WHERE kind = ANY($2::text[])
                """, models, kinds))
        try await connection.run(.sql(Self.swapSQL, name, models, kinds, Int64(projection.version), position))
    }

    /// Data-modifying CTEs all run, exactly once; removed and stored keys are disjoint.
    private static let writeSQL = """
        WITH removed_documents AS (
            DELETE FROM staged_documents d USING unnest($2::text[], $3::text[]) AS r(model, key)
            WHERE d.projection = $1 AND d.model = r.model AND d.key = r.key
        ), stored_documents AS (
            INSERT INTO staged_documents (projection, model, key, data)
            SELECT $1, s.model, s.key, s.data
            FROM unnest($4::text[], $5::text[], $6::bytea[]) AS s(model, key, data)
            ON CONFLICT (projection, model, key) DO UPDATE SET data = excluded.data
        ), removed_claims AS (
            DELETE FROM staged_claims c USING unnest($7::text[], $8::text[]) AS r(kind, value)
            WHERE c.projection = $1 AND c.kind = r.kind AND c.value = r.value
        ), stored_claims AS (
            INSERT INTO staged_claims (projection, kind, value, owner)
            SELECT $1, s.kind, s.value, s.owner
            FROM unnest($9::text[], $10::text[], $11::text[]) AS s(kind, value, owner)
            ON CONFLICT (projection, kind, value) DO UPDATE SET owner = excluded.owner
        )
        UPDATE staged_rebuilds SET position = $12 WHERE name = $1
        """

    /// Copies the staged rows in (the live ones are removed by then), moves the checkpoint and
    /// drops the staging area; every CTE reads the staging rows as they were before the statement.
    private static let swapSQL = """
        WITH copied_documents AS (
            INSERT INTO documents (model, key, data)
            SELECT model, key, data FROM staged_documents WHERE projection = $1 AND model = ANY($2::text[])
        ), copied_claims AS (
            INSERT INTO claims (kind, value, owner)
            SELECT kind, value, owner FROM staged_claims WHERE projection = $1 AND kind = ANY($3::text[])
        ), moved_checkpoint AS (
            INSERT INTO checkpoints (name, version, position) VALUES ($1, $4, $5)
            ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position
        ), dropped_documents AS (
            DELETE FROM staged_documents WHERE projection = $1
        ), dropped_claims AS (
            DELETE FROM staged_claims WHERE projection = $1
        )
        DELETE FROM staged_rebuilds WHERE name = $1
        """
}
