/// How a ``SQLiteEventStore`` configures its connections.
public struct SQLiteStoreOptions: Sendable {
    /// SQLite's `synchronous` level: how long a commit waits for the disk.
    public enum Synchronous: String, Sendable, CaseIterable {
        /// Durable on power loss: every commit waits for fsync (the default).
        case full = "FULL"
        /// Durable on a process crash; a power loss may drop the newest commits but never corrupts.
        case normal = "NORMAL"
        /// No fsync at all: for throwaway stores and benchmarks only.
        case off = "OFF"

        /// The value `PRAGMA synchronous` reads back.
        public var pragmaValue: Int {
            switch self {
            case .off: 0
            case .normal: 1
            case .full: 2
            }
        }
    }

    /// The synchronous level set explicitly on every connection.
    public var synchronous: Synchronous
    /// How long a connection waits for another process's lock before its transaction is retried.
    public var busyTimeout: Duration
    /// Bounded retries of a transaction that still fails busy.
    var retry = RetryPolicy()

    /// Durable commits and a 60-second busy timeout by default.
    public init(synchronous: Synchronous = .full, busyTimeout: Duration = .seconds(60)) {
        self.synchronous = synchronous
        self.busyTimeout = busyTimeout
    }

    /// The busy timeout in whole milliseconds, at least 1.
    var busyTimeoutMilliseconds: Int {
        let (seconds, attoseconds) = busyTimeout.components
        let milliseconds = seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        return Int(clamping: max(1, milliseconds))
    }
}
