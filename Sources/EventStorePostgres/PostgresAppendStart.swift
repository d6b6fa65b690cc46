import EventSourcing
import PostgresNIO

/// Where one append starts, read under the append lock: its stream's version (0 and absent for a
/// new stream), the log's head and the checkpoint versions of the store's projections (by name).
struct PostgresAppendStart {
    var streamExists: Bool
    var version: Int64
    var head: LogHead
    var checkpoints: [String: Int64]

    /// Takes the append lock of `schema` and reads where an append to `stream` starts, in one round trip.
    static func readLocked(
        stream: StreamName, projections: [any Projection], schema: String, on connection: PostgresConnection
    ) async throws -> PostgresAppendStart {
        try await PostgresGroupStart.readLocked(
            streams: [stream], projections: projections, schema: schema, on: connection
        ).start(of: stream)
    }
}
