import Foundation
import PostgresNIO

@_spi(Testing) extension PostgresEventStore {
    /// Runs one SQL statement on a pooled connection, outside every rule of the store (tests only):
    /// the first column of each row, as text (cast it with `::text`), or nil for NULL.
    public func unsafeExecute(_ sql: String) async throws -> [String?] {
        try await reading("testing") { connection in
            try await connection.fetch(PostgresQuery(unsafeSQL: sql)).map { row in
                try row.first.map { try $0.decode(String?.self) } ?? nil
            }
        }
    }

    /// Lends a pooled connection (its search path on the store's schema) to `body`, outside every
    /// rule of the store and without retrying on another connection: for tests and the
    /// benchmark's raw reference only.
    public func unsafeWithConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection(body)
    }
}
