import ChannelLedgerTesting
import EventSourcing
import Foundation
import Logging
import PostgresNIO
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// The real server the PostgreSQL tests run against, and a fresh schema per test.
///
/// The URL comes from `CHANNEL_LEDGER_TEST_POSTGRES_URL` (default below). When no server answers
/// there the tests are skipped with a message saying how to start one; under `CI=true` they run
/// and fail instead, naming the URL and the reason.
enum PostgresTestServer {
    static let defaultURL = "postgres://postgres@127.0.0.1:5432/channel_ledger_test"
    static let url = ProcessInfo.processInfo.environment["CHANNEL_LEDGER_TEST_POSTGRES_URL"] ?? defaultURL
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let logger: Logger = {
        var logger = Logger(label: "channel-ledger.postgres-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// A schema of the test database kept for the reachability probe and for dropping test schemas.
    static var probeURL: String { url + (url.contains("?") ? "&" : "?") + "schema=cl_probe" }

    private static let probe = Task<String?, Never> {
        do {
            let store = try await PostgresEventStore.connect(url: probeURL, projections: [], logger: logger)
            await store.close()
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// Why the server cannot be used, or nil when it answers (probed once per test run).
    static func unavailability() async -> String? { await probe.value }

    /// Whether the PostgreSQL tests run: the server answers, or CI demands that they run (and fail).
    static func shouldRun() async -> Bool {
        if isCI { return true }
        return await unavailability() == nil
    }

    /// Fails the calling test with a clear message when the server cannot be used (reached only under CI=true).
    static func requireServer() async throws {
        if let reason = await unavailability() {
            throw ServerUnavailable(
                message: "CI=true but the PostgreSQL tests cannot reach their server at \(url): \(reason)"
                    + " (.ci/run starts one with `make postgres`)")
        }
    }

    struct ServerUnavailable: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Runs `body` with a fresh schema of its own, dropped afterwards with every store made in it.
    static func withSchema<T>(_ body: (TestSchema) async throws -> T) async throws -> T {
        try await requireServer()
        let schema = TestSchema()
        do {
            let value = try await body(schema)
            await schema.drop()
            return value
        } catch {
            await schema.drop()
            throw error
        }
    }

    /// Runs `body` with schemas made on demand, one per fresh store (a contract check may ask for
    /// more than one), all dropped afterwards with every store made in them.
    static func withSchemas<T>(_ body: (TestSchemas) async throws -> T) async throws -> T {
        try await requireServer()
        let schemas = TestSchemas()
        do {
            let value = try await body(schemas)
            await schemas.drop()
            return value
        } catch {
            await schemas.drop()
            throw error
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a suite only when its PostgreSQL server answers, or always under `CI=true`.
    static var postgres: Self {
        .enabled(
            "no PostgreSQL at CHANNEL_LEDGER_TEST_POSTGRES_URL (default \(PostgresTestServer.defaultURL)): start one with `make postgres`; under CI=true these tests fail instead of skipping"
        ) {
            await PostgresTestServer.shouldRun()
        }
    }
}

/// A schema of its own for one test (so tests run in parallel), and the stores made in it.
final class TestSchema: Sendable {
    let name = "t_" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20))
    let applicationName: String
    private let stores = Locked<[PostgresEventStore]>([])

    init() {
        applicationName = "cl-test-\(name)"
    }

    /// The test server's URL pointing at this schema.
    var url: String {
        PostgresTestServer.url + (PostgresTestServer.url.contains("?") ? "&" : "?") + "schema=\(name)"
    }

    /// A store in this schema (closed when the schema is dropped); its sessions are named ``applicationName``.
    func store(
        _ projections: [any Projection] = [], options: PostgresStoreOptions = .init(maximumConnections: 4)
    ) async throws -> PostgresEventStore {
        var options = options
        if options.applicationName == PostgresStoreOptions().applicationName {
            options.applicationName = applicationName
        }
        let store = try await PostgresEventStore.connect(
            url: url, projections: projections, logger: PostgresTestServer.logger, options: options)
        stores.withLock { $0.append(store) }
        return store
    }

    /// A store for raw SQL: sessions named differently, so terminating the test's sessions spares it.
    func admin() async throws -> PostgresEventStore {
        try await store(options: .init(maximumConnections: 2, applicationName: "cl-admin-\(name)"))
    }

    /// Closes every store made here and drops the schema.
    func drop() async {
        let all = stores.withLock { stores in
            defer { stores = [] }
            return stores
        }
        for store in all { await store.close() }
        // A plain connection, not a store: connecting a store migrates its schema under that schema's
        // migration lock, and every drop of every test process would queue on the probe schema's.
        do {
            let url = try PostgresStoreURL(PostgresTestServer.probeURL)
            let connection = try await PostgresEventStore.openConnection(
                PostgresEventStore.makeConnectionConfiguration(
                    url, .init(maximumConnections: 1, applicationName: "cl-admin-drop")),
                url: url, logger: PostgresTestServer.logger)
            do {
                _ = try await connection.query(
                    PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(name) CASCADE"), logger: PostgresTestServer.logger
                )
                try? await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            // A schema left behind is harmless to other tests (each has its own) but should be seen.
            PostgresTestServer.logger.warning("test schema \(name) not dropped: \(String(reflecting: error))")
        }
    }
}

/// Schemas made on demand for one test: each fresh store gets a schema of its own.
final class TestSchemas: Sendable {
    private let made = Locked<[TestSchema]>([])

    /// A store in a new, empty schema.
    func freshStore(_ projections: [any Projection]) async throws -> PostgresEventStore {
        let schema = TestSchema()
        made.withLock { $0.append(schema) }
        return try await schema.store(projections)
    }

    /// Another store in the schema of `store`, running other projections: a process with newer code connecting.
    func reopen(_ store: any EventStore, projections: [any Projection]) async throws -> PostgresEventStore {
        let name = try #require(store as? PostgresEventStore).url.schema
        let schema = try #require(made.current.first { $0.name == name })
        return try await schema.store(projections)
    }

    /// Closes every store made here and drops every schema.
    func drop() async {
        for schema in made.current { await schema.drop() }
    }
}
