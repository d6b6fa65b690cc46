import EventSourcing
import Foundation
import Logging
import PostgresNIO

/// The event store on a PostgreSQL server, for many processes on many hosts sharing one log.
///
/// Appends are serialized by a transaction-scoped advisory lock and take their positions from
/// the chain head inside it, so positions are gap-free and commit-ordered as on SQLite: a reader
/// never sees position n+1 before n is committed (Docs/postgres.md explains why and what it
/// costs). Inline projections and their checkpoints are written in the append's transaction,
/// which also sends the NOTIFY that wakes ``subscribe(after:)``.
///
/// Connections come from a `PostgresClient` pool run by a task the store owns: a connection the
/// server drops is replaced on the next call. Call ``close()`` when done.
public final class PostgresEventStore: EventStore, Sendable, CustomStringConvertible {
    /// The store's URL (its description never shows the password).
    public let url: PostgresStoreURL
    /// How the store uses its server.
    public let options: PostgresStoreOptions
    let client: PostgresClient
    let connectionConfiguration: PostgresConnection.Configuration
    let projections: [any Projection]
    let logger: Logger
    /// Queues the appends of concurrent callers into shared transactions.
    let groupCommit: PostgresGroupCommit
    /// Where this process's last append left the log: what ``PostgresAppendCall`` chains from.
    let knownHead = Locked<PostgresKnownHead?>(nil)
    /// How this store's calls of the append function went.
    let callCounts = Locked(PostgresAppendCall.Counts())
    private let runner: Task<Void, Never>
    private let isClosed = Locked(false)

    private init(
        url: PostgresStoreURL, options: PostgresStoreOptions, connectionConfiguration: PostgresConnection.Configuration,
        clientConfiguration: PostgresClient.Configuration, projections: [any Projection], logger: Logger
    ) {
        self.url = url
        self.options = options
        self.connectionConfiguration = connectionConfiguration
        self.projections = projections
        self.logger = logger
        self.groupCommit = PostgresGroupCommit(patience: options.lockTimeout)
        // The pool's own logger stays quiet: at trace level postgres-nio logs backend messages,
        // which can quote stored values.
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: Self.quiet)
        self.client = client
        self.runner = Task { await client.run() }
    }

    /// Connects to the store at `url` (`postgres://user[:password]@host:port/db[?schema=NAME]`; the
    /// password from the URL or `PGPASSWORD`), migrating its tables under an advisory lock; with
    /// `creating` false, a database or schema that holds no store is ``PostgresStoreError/noStore(server:)``
    /// and nothing is created there.
    public static func connect(
        url: String, projections: [any Projection], logger: Logger, options: PostgresStoreOptions = .init(),
        creating: Bool = true
    ) async throws -> PostgresEventStore {
        try await connect(
            to: try PostgresStoreURL(url), projections: projections, logger: logger, options: options,
            creating: creating)
    }

    /// Connects to the store at a parsed URL, creating (unless `creating` is false) or migrating its
    /// tables under an advisory lock.
    public static func connect(
        to url: PostgresStoreURL, projections: [any Projection], logger: Logger,
        options: PostgresStoreOptions = .init(),
        creating: Bool = true
    ) async throws -> PostgresEventStore {
        let connectionConfiguration = try makeConnectionConfiguration(url, options)
        let connection = try await openConnection(connectionConfiguration, url: url, logger: logger)
        do {
            try await PostgresMigrator(connection: connection, url: url, logger: logger, creating: creating).migrate()
            try? await connection.close()
        } catch {
            try? await connection.close()
            throw PostgresStoreError.translating(
                error, server: url.description, operation: "migrating", phase: .working)
        }
        return PostgresEventStore(
            url: url, options: options, connectionConfiguration: connectionConfiguration,
            clientConfiguration: try makeClientConfiguration(url, options), projections: projections, logger: logger)
    }

    /// Stops the pool and closes its connections; later calls fail with ``PostgresStoreError/closed(server:)``.
    public func close() async {
        isClosed.withLock { $0 = true }
        runner.cancel()
        await runner.value
    }

    /// The number of schema migrations applied.
    public func schemaVersion() async throws -> Int {
        try await reading("reading the schema of") { connection in
            Int(try await connection.first("SELECT count(*) FROM channel_ledger_migrations", as: Int64.self) ?? 0)
        }
    }

    /// The store's URL, without its password.
    public var description: String { "PostgreSQL store at \(url)" }

    /// The URL without its password, as errors name the server.
    var server: String { url.description }

    /// The NOTIFY channel of this store's schema.
    var channel: String { "channel_ledger.\(url.schema)" }

    /// A logger that drops postgres-nio's per-query messages (they may carry bound values).
    static let quiet = Logger(label: "channel-ledger.postgres.quiet", factory: { _ in SwiftLogNoOpLogHandler() })

    // MARK: - Connections

    /// How many times a call meets a dead pooled connection before giving up: the pool drops a
    /// connection the server closed as soon as it notices, and may hold one per pooled slot.
    private var connectionAttempts: Int { max(1, options.maximumConnections) + 2 }

    /// Runs `body` on a pooled connection and translates errors. A read that meets a lost
    /// connection is repeated on another (reads are safe to repeat).
    func reading<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await withConnection(body)
            } catch {
                let translated = PostgresStoreError.translating(
                    error, server: server, operation: operation, phase: .working)
                if attempt < connectionAttempts, case .connectionLost? = translated as? PostgresStoreError { continue }
                throw translated
            }
        }
    }

    /// Where a transaction was when it failed.
    private enum TransactionStage: Sendable {
        case beginning, running, committing
    }

    /// Runs `body` inside `BEGIN ISOLATION LEVEL READ COMMITTED … COMMIT` on a pooled connection.
    ///
    /// Any error rolls back and reaches the caller unchanged (after translation of database
    /// errors). A connection found lost at `BEGIN` is replaced, since nothing was written yet;
    /// one lost later is reported as ``PostgresStoreError/connectionLost(server:operation:)``
    /// (the server rolls back a transaction whose session ends), unless the COMMIT had been sent:
    /// then ``PostgresStoreError/commitOutcomeUnknown(server:)``.
    func inTransaction<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let stage = Locked(TransactionStage.beginning)
            do {
                return try await withConnection { connection in
                    try await connection.run("BEGIN ISOLATION LEVEL READ COMMITTED")
                    stage.withLock { $0 = .running }
                    let value: T
                    do {
                        value = try await body(connection)
                    } catch {
                        do {
                            try await connection.run("ROLLBACK")
                        } catch {
                            // A connection that cannot roll back must not return to the pool mid-transaction.
                            try? await connection.close()
                        }
                        throw error
                    }
                    stage.withLock { $0 = .committing }
                    try await connection.commit()
                    return value
                }
            } catch {
                let translated = PostgresStoreError.translating(
                    error, server: server, operation: operation, phase: .working)
                guard case .connectionLost? = translated as? PostgresStoreError else { throw translated }
                switch stage.current {
                case .beginning where attempt < connectionAttempts: continue
                // `ConnectionClosed` at COMMIT means it was never sent (COMMIT is not a prepared
                // statement: it goes through `fetch`'s check): the server rolled back.
                case .committing where !(error is ConnectionClosed):
                    throw PostgresStoreError.commitOutcomeUnknown(server: server)
                default: throw translated
                }
            }
        }
    }

    /// Thrown inside ``withConnection(_:)`` when no connection came within the connect timeout.
    private struct LeaseTimedOut: Error {}

    /// Where a lease request stands in the race between the pool and the connect timeout.
    private enum Lease { case waiting, leased, timedOut }

    /// Leases a pooled connection for `body`, giving up after ``PostgresStoreOptions/connectTimeout``
    /// (the pool itself would keep trying for a minute) with the reason a fresh connection fails.
    func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        guard !isClosed.current else { throw PostgresStoreError.closed(server: server) }
        let lease = Locked(Lease.waiting)
        let (client, timeout) = (client, options.connectTimeout)
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        let won = lease.withLock { state in
                            guard state == .waiting else { return false }
                            state = .leased
                            return true
                        }
                        guard won else { throw LeaseTimedOut() }
                        return try await body(connection)
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: timeout)
                    // Cancelled: the lease request is cancelled with this group, not timed out.
                    if Task.isCancelled { return nil }
                    let expired = lease.withLock { state in
                        guard state == .waiting else { return false }
                        state = .timedOut
                        return true
                    }
                    if expired { throw LeaseTimedOut() }
                    return nil
                }
                while let result = try await group.next() {
                    if let value = result {
                        group.cancelAll()
                        return value
                    }
                }
                throw CancellationError()
            }
        } catch is LeaseTimedOut {
            throw await diagnoseMissingConnection()
        } catch  where PoolFailure(error) == .gaveUpConnecting {
            throw await diagnoseMissingConnection()
        }
    }

    /// Why no pooled connection came: the error of a fresh connection attempt, or an exhausted pool.
    private func diagnoseMissingConnection() async -> PostgresStoreError {
        if isClosed.current { return .closed(server: server) }
        do {
            let probe = try await Self.openConnection(connectionConfiguration, url: url, logger: logger)
            try? await probe.close()
            let seconds = PostgresStoreOptions.milliseconds(options.connectTimeout) / 1_000
            return .unreachable(server: server, reason: "no pooled connection became free within \(seconds) s")
        } catch let error as PostgresStoreError {
            return error
        } catch {
            return .unreachable(server: server, reason: "the connection failed")
        }
    }

    /// Opens one connection outside the pool, translating failures into ``PostgresStoreError``.
    static func openConnection(
        _ configuration: PostgresConnection.Configuration, url: PostgresStoreURL, logger: Logger
    ) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: quiet)
        } catch {
            throw PostgresStoreError.translating(
                error, server: url.description, operation: "connecting to", phase: .connecting)
        }
    }

    // MARK: - Configuration

    /// The settings of one connection outside the pool: TLS, the connect timeout, the session's startup parameters.
    static func makeConnectionConfiguration(
        _ url: PostgresStoreURL, _ options: PostgresStoreOptions
    ) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch url.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: unverifiedTLS()))
            case .require: tls = .require(try NIOSSLContext(configuration: unverifiedTLS()))
            case .verifyFull: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw PostgresStoreError.unreachable(server: url.description, reason: "TLS could not be set up")
        }
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: tls)
        configuration.options.connectTimeout = .milliseconds(PostgresStoreOptions.milliseconds(options.connectTimeout))
        configuration.options.additionalStartupParameters = startupParameters(url, options)
        return configuration
    }

    private static func makeClientConfiguration(
        _ url: PostgresStoreURL, _ options: PostgresStoreOptions
    ) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch url.tls {
            case .disable: .disable
            case .prefer: .prefer(unverifiedTLS())
            case .require: .require(unverifiedTLS())
            case .verifyFull: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: tls)
        configuration.options.connectTimeout = options.connectTimeout
        configuration.options.maximumConnections = max(1, options.maximumConnections)
        configuration.options.additionalStartupParameters = startupParameters(url, options)
        return configuration
    }

    /// Session settings: the schema first on the search path, the lock and idle timeouts, the application name.
    private static func startupParameters(_ url: PostgresStoreURL, _ options: PostgresStoreOptions) -> [(
        String, String
    )] {
        [("search_path", url.schema)] + options.startupParameters
    }

    /// TLS without certificate verification: libpq's `prefer` and `require`.
    private static func unverifiedTLS() -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }
}

extension PostgresQuery {
    /// SQL with `$1…$n` bound to `values`, in order (values are always bound, never spliced).
    static func sql(_ sql: String, _ values: any PostgresThrowingDynamicTypeEncodable...) throws -> PostgresQuery {
        try self.sql(sql, binding: values)
    }

    /// A statement with its values bound in order ($1, $2, …), from an array.
    static func sql(_ sql: String, binding values: [any PostgresThrowingDynamicTypeEncodable]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { try bindings.append(value) }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
