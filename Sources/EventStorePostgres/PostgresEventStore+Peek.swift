import EventSourcing
import Foundation
import Logging
import PostgresNIO

/// A look at one stream of a store that changes nothing: no migration, no table, no write.
extension PostgresEventStore {
    /// The events of one stream, in order, exactly as ``read(stream:from:)`` returns them; empty
    /// when the stream has none.
    ///
    /// One connection, in a read-only session (`default_transaction_read_only`), closed before
    /// returning; nothing is migrated or created. A database or schema that holds no store is
    /// ``PostgresStoreError/noStore(server:)``, one holding other tables by our names
    /// ``PostgresStoreError/notAStore(server:)``, as ``connect(url:projections:logger:options:creating:)`` says.
    public static func peek(
        stream: StreamName, url: String, logger: Logger, options: PostgresStoreOptions = .init()
    ) async throws -> [RecordedEvent] {
        let url = try PostgresStoreURL(url)
        var configuration = try makeConnectionConfiguration(url, options)
        configuration.options.additionalStartupParameters.append(("default_transaction_read_only", "on"))
        let connection = try await openConnection(configuration, url: url, logger: logger)
        do {
            let events = try await peek(stream: stream, on: connection, url: url)
            try? await connection.close()
            return events
        } catch {
            try? await connection.close()
            throw PostgresStoreError.translating(error, server: url.description, operation: "reading", phase: .working)
        }
    }

    /// Finds the store's tables in the URL's schema (as the migrator does), then reads the stream.
    private static func peek(stream: StreamName, on connection: PostgresConnection, url: PostgresStoreURL)
        async throws -> [RecordedEvent]
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
        guard existing.isSuperset(of: ["events", "streams"]) else { return [] }
        let rows = try await connection.fetch(.sql(PostgresEventRow.streamSQL, stream.rawValue, Int64(1)))
        var decoder = PostgresEventRow(server: url.description)
        return try decoder.decodeAll(rows)
    }
}
