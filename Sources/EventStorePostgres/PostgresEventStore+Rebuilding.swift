import EventSourcing
import Foundation

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

    /// Not yet: rebuilds run on SQLite stores.
    public func stagedRebuild(_ name: String) async throws -> StagedRebuild? { nil }

    /// Not yet: rebuilds run on SQLite stores.
    public func startRebuild(_ projection: any Projection, owner: UUID, restart: Bool) async throws -> StagedRebuild {
        throw PostgresStoreError.unsupported("projection rebuilds")
    }

    /// Not yet: rebuilds run on SQLite stores.
    public func stage(_ events: [RecordedEvent], for projection: any Projection, owner: UUID) async throws {
        throw PostgresStoreError.unsupported("projection rebuilds")
    }

    /// Not yet: rebuilds run on SQLite stores.
    public func completeRebuild(_ projection: any Projection, owner: UUID) async throws -> Int64 {
        throw PostgresStoreError.unsupported("projection rebuilds")
    }
}
