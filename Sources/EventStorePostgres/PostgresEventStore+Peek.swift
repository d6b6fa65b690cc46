import EventSourcing
import Foundation
import Logging
import PostgresNIO

/// A look at a store's first event that changes nothing: no migration, no table, no write.
extension PostgresEventStore {
    /// The log's first event (position 1), exactly as ``readAll(after:limit:)`` returns it; nil when
    /// the log is empty.
    ///
    /// One connection, in a read-only session (`default_transaction_read_only`), closed before
    /// returning; nothing is migrated or created. A database or schema that holds no store is
    /// ``PostgresStoreError/noStore(server:)``, one holding other tables by our names
    /// ``PostgresStoreError/notAStore(server:)``, as ``connect(url:projections:logger:options:creating:)`` says.
    public static func firstEvent(
        url: String, logger: Logger, options: PostgresStoreOptions = .init()
    ) async throws -> RecordedEvent? {
        let url = try PostgresStoreURL(url)
        var configuration = try makeConnectionConfiguration(url, options)
        configuration.options.additionalStartupParameters.append(("default_transaction_read_only", "on"))
        let connection = try await openConnection(configuration, url: url, logger: logger)
        do {
            let event = try await firstEvent(on: connection, url: url)
            try? await connection.close()
            return event
        } catch {
            try? await connection.close()
            throw PostgresStoreError.translating(error, server: url.description, operation: "reading", phase: .working)
        }
    }

    /// Finds the store's tables in the URL's schema (as the migrator does), then reads position 1.
    private static func firstEvent(on connection: PostgresConnection, url: PostgresStoreURL) async throws
        -> RecordedEvent?
    {
        let tables = try await connection.fetch(
            .sql("SELECT tablename FROM pg_tables WHERE schemaname = $1", url.schema))
        let existing = Set(try tables.map { try $0.decode(String.self) })
        guard existing.contains(PostgresSchema.migrationsTable) else {
            throw existing.isDisjoint(with: PostgresSchema.tables)
                ? PostgresStoreError.noStore(server: url.description)
                : PostgresStoreError.notAStore(server: url.description)
        }
        // Never left by the migrator (one transaction), but connecting would make an empty log of it.
        guard existing.isSuperset(of: ["events", "streams"]) else { return nil }
        let rows = try await connection.fetch(.sql(PostgresEventRow.afterPositionSQL, Int64(0), Int64(1)))
        var decoder = PostgresEventRow(server: url.description)
        return try decoder.decodeAll(rows).first
    }
}
