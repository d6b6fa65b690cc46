/// How a ``PostgresEventStore`` uses its server.
public struct PostgresStoreOptions: Sendable {
    /// Connections the store's pool opens at most; each live subscription holds one more of its own.
    public var maximumConnections: Int
    /// How long to wait for a connection (a new one, or a free one of the pool) before reporting the server unreachable.
    public var connectTimeout: Duration
    /// How long an append waits for the append lock (held by other writers) before reporting busy.
    public var lockTimeout: Duration
    /// The server ends a session that idles inside a transaction this long, releasing its locks,
    /// so a writer that hangs mid-append cannot stall every other writer.
    public var idleInTransactionTimeout: Duration
    /// How often a live subscription polls when no notification arrives (the fallback of LISTEN/NOTIFY).
    public var pollInterval: Duration
    /// `application_name` of the store's sessions, as `pg_stat_activity` shows it.
    public var applicationName: String
    /// Test hooks; empty in production.
    @_spi(Testing) public var hooks = PostgresStoreHooks()

    /// Eight pooled connections, 10 s to connect, 60 s for the append lock, a 1 s poll.
    public init(
        maximumConnections: Int = 8, connectTimeout: Duration = .seconds(10), lockTimeout: Duration = .seconds(60),
        idleInTransactionTimeout: Duration = .seconds(60), pollInterval: Duration = .seconds(1),
        applicationName: String = "channel-ledger"
    ) {
        self.maximumConnections = maximumConnections
        self.connectTimeout = connectTimeout
        self.lockTimeout = lockTimeout
        self.idleInTransactionTimeout = idleInTransactionTimeout
        self.pollInterval = pollInterval
        self.applicationName = applicationName
    }

    /// Startup parameters every session of the store sets.
    var startupParameters: [(String, String)] {
        [
            ("application_name", applicationName),
            // What the append functions' reads under the lock rely on, whatever the server's default.
            ("default_transaction_isolation", "read committed"),
            ("lock_timeout", "\(Self.milliseconds(lockTimeout))"),
            ("idle_in_transaction_session_timeout", "\(Self.milliseconds(idleInTransactionTimeout))"),
        ]
    }

    /// A duration in whole milliseconds, at least 1.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, seconds * 1_000 + attoseconds / 1_000_000_000_000_000)
    }
}

/// Points where tests inject failures and delays; never set in production.
@_spi(Testing) public struct PostgresStoreHooks: Sendable {
    /// Runs inside the append transaction once an append's rows are written (positions taken, the
    /// append lock held), with that append's positions: just before COMMIT, or, in a group, before
    /// the next append of the group. Throwing rolls the transaction back (a group's appends then
    /// run again, each alone).
    public var beforeCommit: (@Sendable (_ positions: ClosedRange<Int64>) async throws -> Void)?
    /// Runs inside the transaction of `completeRebuild` once the staged models replaced the live
    /// ones (the append lock held), just before COMMIT; throwing rolls the swap back.
    public var beforeSwapCommit: (@Sendable (_ position: Int64) async throws -> Void)?

    /// No hooks.
    public init() {}
}
