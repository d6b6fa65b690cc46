import EventSourcing
import Foundation
import PostgresNIO

/// Blue/green projection rebuilds: batches go to the projection's staging tables with the staging
/// position in the same transaction (see ``PostgresStagingArea``); the swap runs under the append
/// lock and replaces the live rows in one transaction, so readers see the old models or the new.
extension PostgresEventStore {
    /// Every projection checkpoint the store records, by name.
    public func projectionCheckpoints() async throws -> [ProjectionCheckpoint] {
        try await reading("reading the checkpoints of") { connection in
            try await connection.fetch(.sql("SELECT name, version, position FROM checkpoints ORDER BY name")).map {
                let (name, version, position) = try $0.decode((String, Int64, Int64).self)
                return ProjectionCheckpoint(name: name, version: Int(version), position: position)
            }
        }
    }

    /// The staged rebuild of a projection, if one exists.
    public func stagedRebuild(_ name: String) async throws -> StagedRebuild? {
        // PostgreSQL text cannot hold U+0000, so no staged rebuild has such a name.
        guard !name.utf8.contains(0) else { return nil }
        return try await reading("reading a rebuild from") { connection in
            try await PostgresStagingArea(connection: connection, name: name).row(locking: false)
        }
    }

    /// Takes the staging area over, emptying it unless it holds this version and `restart` is false.
    public func startRebuild(_ projection: any Projection, owner: UUID, restart: Bool) async throws -> StagedRebuild {
        let (name, version) = (projection.name, projection.version)
        try PostgresStoreError.requireNoNUL(name, "projection name")
        return try await inTransaction("starting a rebuild in") { connection in
            let area = PostgresStagingArea(connection: connection, name: name)
            if let staged = try await area.row(locking: true), staged.version == version, !restart {
                try await area.hand(to: owner)
                return StagedRebuild(name: name, version: version, position: staged.position, owner: owner)
            }
            try await area.reset(version: version, owner: owner)
            return StagedRebuild(name: name, version: version, position: 0, owner: owner)
        }
    }

    /// Applies a batch to the staging tables and moves the staging position, in one transaction.
    public func stage(_ events: [RecordedEvent], for projection: any Projection, owner: UUID) async throws {
        guard let first = events.first else { return }
        try PostgresStoreError.requireNoNUL(projection.name, "projection name")
        try await inTransaction("rebuilding a projection in") { connection in
            let area = PostgresStagingArea(connection: connection, name: projection.name)
            let staged = try await area.owned(by: owner)
            guard first.position == staged.position + 1 else {
                throw ProjectionRebuildError.notContiguous(
                    projection: projection.name, staged: staged.position, first: first.position)
            }
            try await area.apply(events, of: projection)
        }
    }

    /// Under the append lock, applies the events after the staging position, then replaces the
    /// projection's live documents, claims and checkpoint with the staged ones, in one transaction.
    public func completeRebuild(_ projection: any Projection, owner: UUID) async throws -> Int64 {
        try PostgresStoreError.requireNoNUL(projection.name, "projection name")
        let (schema, server, hooks) = (url.schema, server, options.hooks)
        return try await inTransaction("swapping a rebuilt projection into") { connection in
            try await PostgresAppendTransaction.takeLock(of: schema, on: connection)
            let area = PostgresStagingArea(connection: connection, name: projection.name)
            var position = try await area.owned(by: owner).position
            var decoder = PostgresEventRow(server: server)
            while true {
                let rows = try await connection.fetch(
                    .sql(PostgresEventRow.afterPositionSQL, position, Int64(Self.swapBatchSize)))
                let batch = try decoder.decodeAll(rows)
                guard let last = batch.last else { break }
                try await area.apply(batch, of: projection)
                position = last.position
            }
            try await area.swap(projection, at: position)
            if let hook = hooks.beforeSwapCommit { try await hook(position) }
            return position
        }
    }

    /// Under the append lock, sets the projections' checkpoints to the invalidated version
    /// (positions kept): every append after it reads that version and leaves the models alone.
    public func invalidate(_ projections: [any Projection]) async throws {
        guard !projections.isEmpty else { return }
        let names = projections.map(\.name)
        for name in names { try PostgresStoreError.requireNoNUL(name, "projection name") }
        let schema = url.schema
        try await inTransaction("invalidating the projections of") { connection in
            try await PostgresAppendTransaction.takeLock(of: schema, on: connection)
            try await connection.run(
                .sql(
                    """
                    INSERT INTO checkpoints (name, version, position)
                    SELECT name, $2, 0 FROM unnest($1::text[]) AS p(name)
                    ON CONFLICT (name) DO UPDATE SET version = excluded.version
                    """, names, Int64(ProjectionCheckpoint.invalidatedVersion)))
        }
    }

    /// Events per batch applied to the staging area while the swap holds the append lock.
    private static var swapBatchSize: Int { 5_000 }
}
