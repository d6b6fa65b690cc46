import EventSourcing
import Foundation
import Logging
import PostgresNIO

/// raw-postgres, PostgreSQL's reference: the same rows into the store's own tables through one
/// prepared statement per batch, in autocommit, and nothing else: no lock, no read of the head or
/// the stream, no hash chain (a constant hash, as raw-same on SQLite), no projections or checkpoints.
enum RawPostgres {
    /// One batch: its stream row created or moved, and its events inserted, in one statement.
    struct InsertBatch: PostgresPreparedStatement {
        typealias Row = ()

        static let sql = """
            WITH stream AS (
                INSERT INTO streams (name, version) VALUES ($1, $2)
                ON CONFLICT (name) DO UPDATE SET version = excluded.version RETURNING id
            )
            INSERT INTO events (position, event_id, stream_id, version, type, schema_version, recorded_at, actor,
                source, payload, hash)
            SELECT b.position, b.event_id, stream.id, b.version, b.type, b.schema_version, b.recorded_at, b.actor,
                b.source, b.payload, b.hash
            FROM stream, unnest($3::bigint[], $4::uuid[], $5::bigint[], $6::text[], $7::bigint[], $8::bigint[],
                $9::text[], $10::text[], $11::bytea[], $12::bytea[])
                AS b(position, event_id, version, type, schema_version, recorded_at, actor, source, payload, hash)
            """

        var stream: String
        var version: Int64
        var events: [NewEvent]
        var firstPosition: Int64
        var firstVersion: Int64
        var hash: ByteBuffer

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 12)
            let offsets = (0..<Int64(events.count))
            bindings.append(stream)
            bindings.append(version)
            bindings.append(offsets.map { firstPosition + $0 })
            bindings.append(events.map(\.id))
            bindings.append(offsets.map { firstVersion + $0 })
            bindings.append(events.map(\.type))
            bindings.append(events.map { Int64($0.schemaVersion) })
            bindings.append(events.map(\.recordedAt.millisecondsSince1970))
            bindings.append(events.map(\.metadata.actor))
            bindings.append(events.map(\.metadata.source))
            bindings.append(events.map { ByteBuffer(bytes: $0.payload) })
            bindings.append([ByteBuffer](repeating: hash, count: events.count))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// Events/s inserting `total` events in the batches ``StoreRuns/appendBatched(total:into:)``
    /// makes (one stream per batch, round-robin), on a connection whose search path is an empty store's schema.
    static func appendSame(total: Int, workload: Workload, on connection: PostgresConnection, logger: Logger)
        async throws -> Double
    {
        var versions = [Int64](repeating: 0, count: workload.streams)
        let time = Timestamp(Date())
        let hash = ByteBuffer(repeating: 0xab, count: 32)
        return Double(total)
            / (try await seconds {
                for batch in workload.batches(total: total) {
                    let version = versions[batch.streamIndex]
                    let statement = InsertBatch(
                        stream: workload.stream(ofBatch: batch.index).rawValue, version: version + Int64(batch.count),
                        events: Workload.batch(first: batch.first, count: batch.count, at: time),
                        firstPosition: Int64(batch.first + 1), firstVersion: version + 1, hash: hash)
                    _ = try await connection.execute(statement, logger: logger)
                    versions[batch.streamIndex] += Int64(batch.count)
                }
            })
    }
}
