import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// Connections that break: the server ends them, or was never there.
@Suite(.postgres) struct PostgresConnectionTests {
    /// Ends every session of the schema's test stores (not the admin's), as a server restart would.
    static func terminateSessions(of schema: TestSchema, using admin: PostgresEventStore) async throws -> Int {
        let ended = try await admin.unsafeExecute(
            """
            SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
            WHERE application_name = '\(schema.applicationName)' AND pid <> pg_backend_pid()
            """)
        // Wait until the server has really let them go.
        for _ in 0..<200 {
            let left = try await admin.unsafeExecute(
                "SELECT count(*)::text FROM pg_stat_activity WHERE application_name = '\(schema.applicationName)'")
            if left == ["0"] { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        return ended.count
    }

    @Test func theNextCallReconnectsAfterTheServerEndsThePoolsConnections() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            let admin = try await schema.admin()
            try await store.append(Fixtures.events(3), to: Fixtures.stream("a"), expected: .noStream)
            #expect(try await Self.terminateSessions(of: schema, using: admin) >= 1)

            let result = try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .exact(3))
            #expect(result.positions == [4, 5])
            #expect(try await Self.terminateSessions(of: schema, using: admin) >= 1)
            #expect(try await store.head().position == 5)
            #expect(try await Fixtures.verify(store) == store.head())
            #expect(try await ContractProjection.counter(of: Fixtures.stream("a"), in: store)?.count == 5)
        }
    }

    @Test func aConnectionLostMidAppendIsOneClearLineAndWritesNothing() async throws {
        try await PostgresTestServer.withSchema { schema in
            let admin = try await schema.admin()
            let killNext = Locked(false)
            var options = PostgresStoreOptions(maximumConnections: 2)
            options.hooks.beforeCommit = { _ in
                guard
                    killNext.withLock({ kill in
                        defer { kill = false }; return kill
                    })
                else { return }
                _ = try await PostgresConnectionTests.terminateSessions(of: schema, using: admin)
            }
            let store = try await schema.store([ContractProjection()], options: options)
            try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
            let before = try await Fixtures.log(of: store)

            killNext.withLock { $0 = true }
            let error = await #expect(throws: PostgresStoreError.self) {
                try await store.append(Fixtures.events(3), to: Fixtures.stream("a"), expected: .exact(2))
            }
            // The server ended the session before COMMIT; whether the client notices while sending
            // COMMIT or before depends on socket timing. Before, the store knows nothing was written;
            // during, it cannot know and says so. Either way the log below is unchanged.
            let server = store.url.description
            let lostBeforeCommit = error == .connectionLost(server: server, operation: "appending to")
            let lostDuringCommit = error == .commitOutcomeUnknown(server: server)
            #expect(lostBeforeCommit || lostDuringCommit, "\(String(describing: error))")
            let line = String(describing: try #require(error))
            #expect(!line.contains("\n"))
            #expect(
                line.contains(
                    lostBeforeCommit
                        ? "was lost while appending to it" : "may or may not be recorded"))

            #expect(try await Fixtures.log(of: store) == before)
            #expect(try await store.version(of: Fixtures.stream("a")) == 2)
            #expect(try await store.checkpoint(ContractProjection().name) == 2)
            let after = try await store.append(Fixtures.events(1), to: Fixtures.stream("a"), expected: .exact(2))
            #expect(after.positions == [3])
            #expect(try await Fixtures.verify(store) == store.head())
        }
    }

    @Test func aMissingDatabaseIsNamed() async throws {
        try await PostgresTestServer.requireServer()
        let base = try PostgresStoreURL(PostgresTestServer.url)
        let url = "postgres://\(base.user)@\(base.host):\(base.port)/channel_ledger_no_such_database"
        await #expect(throws: PostgresStoreError.databaseNotFound(server: try PostgresStoreURL(url).description)) {
            _ = try await PostgresEventStore.connect(url: url, projections: [], logger: PostgresTestServer.logger)
        }
    }

    @Test func aClosedStoreSaysSo() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store()
            await store.close()
            await #expect(throws: PostgresStoreError.closed(server: store.url.description)) {
                try await store.head()
            }
        }
    }
}

/// Failures that need no server.
@Suite struct PostgresUnreachableTests {
    @Test func anUnreachableServerIsNamedWithoutThePassword() async throws {
        let url = "postgres://ledger:hunter2-secret@127.0.0.1:1/ledger"
        let error = await #expect(throws: PostgresStoreError.self) {
            _ = try await PostgresEventStore.connect(
                url: url, projections: [], logger: PostgresTestServer.logger,
                options: .init(connectTimeout: .seconds(2)))
        }
        let line = String(describing: try #require(error))
        guard case .unreachable(let server, _) = error else {
            Issue.record("expected unreachable, got \(line)")
            return
        }
        #expect(server == "postgres://ledger@127.0.0.1:1/ledger")
        #expect(line.contains("connection refused"))
        #expect(!line.contains("hunter2"))
        #expect(!String(reflecting: error!).contains("hunter2"))
        #expect(!line.contains("\n"))
    }

    @Test func everyDescriptionIsOneLine() {
        let server = "postgres://ledger@db:5432/ledger"
        let errors: [PostgresStoreError] = [
            .invalidURL("the port must be a number from 1 to 65535"), .unreachable(server: server, reason: "refused"),
            .authenticationFailed(server: server), .databaseNotFound(server: server),
            .tooManyConnections(server: server), .permissionDenied(server: server, operation: "appending to"),
            .newerSchema(server: server, found: 3, known: 1), .notAStore(server: server),
            .connectionLost(server: server, operation: "reading"), .commitOutcomeUnknown(server: server),
            .busy(server: server), .diskFull(server: server), .textWithNUL(field: "actor"),
            .unreadableValue(server: server, what: "stream name"), .closed(server: server),
            .postgres(server: server, sqlState: "23505", operation: "appending to"),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(
                error.description.contains(server) || error.description.contains("URL")
                    || error.description.contains("U+0000"))
        }
        #expect(
            PostgresStoreError.postgres(server: server, sqlState: "23505", operation: "appending to").description
                == "PostgreSQL error 23505 (unique_violation) while appending to \(server)"
        )
    }
}
