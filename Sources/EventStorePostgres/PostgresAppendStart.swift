import EventSourcing
import PostgresNIO

/// Where one append starts, read under the append lock: its stream's version (0 and absent for a
/// new stream), the log's head and the checkpoint versions of the store's projections (by name).
struct PostgresAppendStart {
    var streamExists: Bool
    var version: Int64
    var head: LogHead
    var checkpoints: [String: Int64]

    /// Reads where an append to `stream` starts, in one round trip.
    static func read(stream: StreamName, projections: [any Projection], on connection: PostgresConnection)
        async throws -> PostgresAppendStart
    {
        try await PostgresGroupStart.read(streams: [stream], projections: projections, on: connection)
            .start(of: stream)
    }
}
