import Foundation
import Logging
import PostgresNIO

/// Brings a schema to the store's current version, in one transaction under an advisory lock,
/// so processes that connect at once never race through setup.
///
/// It creates the schema when missing, refuses a schema holding another application's tables
/// or a newer store's migrations, and applies the missing migrations in order. A role that may
/// not create anything can still connect to an up-to-date store: no DDL runs then.
struct PostgresMigrator {
    let connection: PostgresConnection
    let url: PostgresStoreURL
    let logger: Logger
    /// Whether a schema without a store may be set up; when false it is ``PostgresStoreError/noStore(server:)``.
    var creating = true

    func migrate() async throws {
        try await run("BEGIN ISOLATION LEVEL READ COMMITTED")
        do {
            try await migrateInTransaction()
            try await run("COMMIT")
        } catch {
            try? await run("ROLLBACK")
            throw error
        }
    }

    private func migrateInTransaction() async throws {
        try await connection.run(
            .sql("SELECT pg_advisory_xact_lock($1, hashtext($2))", PostgresSchema.migrationLockClass, url.schema))
        if try await count("SELECT count(*) FROM pg_namespace WHERE nspname = $1", url.schema) == 0 {
            guard creating else { throw PostgresStoreError.noStore(server: url.description) }
            // The name is validated by PostgresStoreURL (lower-case letters, digits, _): safe to quote.
            try await run("CREATE SCHEMA \"\(url.schema)\"")
        }
        let tables = try await connection.fetch(
            .sql("SELECT tablename FROM pg_tables WHERE schemaname = $1", url.schema))
        let existing = Set(try tables.map { try $0.decode(String.self) })
        if !existing.contains(PostgresSchema.migrationsTable) {
            guard existing.isDisjoint(with: PostgresSchema.tables) else {
                throw PostgresStoreError.notAStore(server: url.description)
            }
            guard creating else { throw PostgresStoreError.noStore(server: url.description) }
            try await run(PostgresSchema.createMigrationsTable)
        }
        let rows = try await connection.fetch("SELECT version FROM channel_ledger_migrations")
        let applied = Set(try rows.map { Int(try $0.decode(Int32.self)) })
        let known = PostgresSchema.migrations.count
        if let newest = applied.max(), newest > known {
            throw PostgresStoreError.newerSchema(server: url.description, found: newest, known: known)
        }
        for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
            logger.info("applying PostgreSQL migration \(migration.version) (\(migration.name)) to \(url)")
            for statement in migration.statements { try await run(statement) }
            try await connection.run(
                .sql(
                    "INSERT INTO channel_ledger_migrations (version, name) VALUES ($1, $2)", Int32(migration.version),
                    migration.name))
        }
    }

    private func run(_ sql: String) async throws {
        try await connection.run(PostgresQuery(unsafeSQL: sql))
    }

    private func count(_ sql: String, _ value: String) async throws -> Int64 {
        try await connection.first(.sql(sql, value), as: Int64.self) ?? 0
    }
}
