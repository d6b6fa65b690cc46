import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// The read-only look at a store's first event: what it returns, that it creates nothing where
/// there is no store, and that its one connection is closed whatever happens.
@Suite(.postgres) struct PostgresPeekTests {
    /// The peek's options: its session named after the test's schema, so it can be counted.
    static func options(_ schema: TestSchema) -> PostgresStoreOptions {
        PostgresStoreOptions(applicationName: "cl-peek-\(schema.name)")
    }

    /// Runs `body` with a store on the test database's probe schema (for SQL about other schemas), closed after.
    static func withAdmin(_ body: (PostgresEventStore) async throws -> Void) async throws {
        let admin = try await PostgresEventStore.connect(
            url: PostgresTestServer.probeURL, projections: [], logger: PostgresTestServer.logger,
            options: .init(maximumConnections: 1, applicationName: "cl-admin-peek"))
        do {
            try await body(admin)
            await admin.close()
        } catch {
            await admin.close()
            throw error
        }
    }

    /// The sessions of the peek still open, once the server has had a moment to see them end.
    static func openSessions(_ schema: TestSchema, using admin: PostgresEventStore) async throws -> [String?] {
        let sql = "SELECT count(*)::text FROM pg_stat_activity WHERE application_name = 'cl-peek-\(schema.name)'"
        for _ in 0..<200 {
            if try await admin.unsafeExecute(sql) == ["0"] { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        return try await admin.unsafeExecute(sql)
    }

    @Test func aStreamPeekedIsTheStreamReadAndTheConnectionIsClosed() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            #expect(
                try await PostgresEventStore.peek(
                    stream: Fixtures.stream("a"), url: schema.url, logger: PostgresTestServer.logger,
                    options: Self.options(schema)
                ).isEmpty)
            try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
            try await store.append(Fixtures.events(3), to: Fixtures.stream("b"), expected: .noStream)

            let b = try await PostgresEventStore.peek(
                stream: Fixtures.stream("b"), url: schema.url, logger: PostgresTestServer.logger,
                options: Self.options(schema))
            #expect(b.map(\.version) == [1, 2, 3])
            #expect(try await store.read(stream: Fixtures.stream("b")) == b)
            try await Self.withAdmin { admin in
                let sessions = try await Self.openSessions(schema, using: admin)
                #expect(sessions == ["0"])
            }
        }
    }

    @Test func aSchemaWithoutAStoreIsNoStoreAndNothingIsCreated() async throws {
        try await PostgresTestServer.withSchema { schema in
            let server = try PostgresStoreURL(schema.url).description
            try await Self.withAdmin { admin in
                let schemaCount = "SELECT count(*)::text FROM pg_namespace WHERE nspname = '\(schema.name)'"
                let tableCount = "SELECT count(*)::text FROM pg_tables WHERE schemaname = '\(schema.name)'"

                // No schema at all, then an empty one.
                await #expect(throws: PostgresStoreError.noStore(server: server)) {
                    try await PostgresEventStore.peek(
                        stream: Fixtures.stream("a"), url: schema.url, logger: PostgresTestServer.logger,
                        options: Self.options(schema))
                }
                #expect(try await admin.unsafeExecute(schemaCount) == ["0"])
                _ = try await admin.unsafeExecute("CREATE SCHEMA \(schema.name)")
                await #expect(throws: PostgresStoreError.noStore(server: server)) {
                    try await PostgresEventStore.peek(
                        stream: Fixtures.stream("a"), url: schema.url, logger: PostgresTestServer.logger,
                        options: Self.options(schema))
                }
                #expect(try await admin.unsafeExecute(tableCount) == ["0"])
                #expect(try await Self.openSessions(schema, using: admin) == ["0"])

                // Another application's table by one of our names.
                _ = try await admin.unsafeExecute("CREATE TABLE \(schema.name).events (body text)")
                await #expect(throws: PostgresStoreError.notAStore(server: server)) {
                    try await PostgresEventStore.peek(
                        stream: Fixtures.stream("a"), url: schema.url, logger: PostgresTestServer.logger,
                        options: Self.options(schema))
                }
                #expect(try await admin.unsafeExecute(tableCount) == ["1"])
            }
        }
    }

    @Test func anUnreachableServerIsReportedAsForEveryOtherCall() async throws {
        let url = "postgres://postgres@127.0.0.1:1/channel_ledger_test"
        let error = await #expect(throws: PostgresStoreError.self) {
            try await PostgresEventStore.peek(
                stream: Fixtures.stream("a"), url: url, logger: PostgresTestServer.logger,
                options: .init(connectTimeout: .seconds(2)))
        }
        guard case .unreachable(let server, _)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(server == (try PostgresStoreURL(url).description))
    }
}
