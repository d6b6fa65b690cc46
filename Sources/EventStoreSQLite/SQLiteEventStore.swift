import EventSourcing
import Foundation
import GRDB

/// The event store in one SQLite file: WAL, explicit `synchronous`, one writer at a time
/// (`BEGIN IMMEDIATE`), so positions are gap-free and in commit order; inline projections
/// are written in the append transaction.
///
/// Several processes may share the file: writers wait on `busy_timeout`, and a transaction
/// still refused as busy is retried with a small randomized backoff.
public final class SQLiteEventStore: EventStore, Sendable {
    /// The store file's path, as given.
    public let path: String
    let pool: DatabasePool
    let projections: [any Projection]
    let options: SQLiteStoreOptions
    /// Combines concurrent appends into one durable commit.
    let groupCommit: GroupCommit

    private init(path: String, pool: DatabasePool, projections: [any Projection], options: SQLiteStoreOptions) {
        self.path = path
        self.pool = pool
        self.projections = projections
        self.options = options
        self.groupCommit = GroupCommit(pool: pool, projections: projections, path: path, retry: options.retry)
    }

    /// Creates a new store file (mode 0600) in an existing folder and applies the schema.
    public static func create(
        at path: String, projections: [any Projection], options: SQLiteStoreOptions = .init()
    ) throws -> SQLiteEventStore {
        try StoreFile.requireFolder(of: path)
        let lock = try StoreLock(storePath: path)
        // Under the lock a creation in progress is finished; an unfinished file was abandoned.
        if FileManager.default.fileExists(atPath: path), try isUnfinished(at: path, options: options) {
            StoreFile.remove(path)
        }
        try StoreFile.createExclusively(path)
        do {
            let store = try connect(at: path, projections: projections, options: options)
            _ = consume lock
            return store
        } catch {
            StoreFile.remove(path)
            throw error
        }
    }

    /// Opens an existing store, applying any migrations this version adds.
    public static func open(
        at path: String, projections: [any Projection], options: SQLiteStoreOptions = .init()
    ) throws -> SQLiteEventStore {
        guard FileManager.default.fileExists(atPath: path) else { throw SQLiteStoreError.notFound(path) }
        let lock = try StoreLock(storePath: path)
        if try isUnfinished(at: path, options: options) { throw SQLiteStoreError.unfinished(path) }
        guard StoreFile.hasSQLiteHeader(path), try isStore(at: path, options: options) else {
            throw SQLiteStoreError.notAStore(path)
        }
        let store = try connect(at: path, projections: projections, options: options)
        _ = consume lock
        return store
    }

    /// The number of schema migrations applied to the file.
    public func schemaVersion() async throws -> Int {
        try await reading("reading the schema of") { db in
            try SQLiteSchema.migrator.appliedMigrations(db).count
        }
    }

    /// Opens the pool, checks the schema is not newer than ours and migrates it (under the lock).
    private static func connect(
        at path: String, projections: [any Projection], options: SQLiteStoreOptions
    ) throws -> SQLiteEventStore {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(options))
            // GRDB sets synchronous=NORMAL on the writer when it enables WAL: restore our level.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(options.synchronous.rawValue)")
            }
            if try pool.read(SQLiteSchema.migrator.hasBeenSuperseded) {
                throw SQLiteStoreError.newerSchema(path)
            }
            try SQLiteSchema.migrator.migrate(pool)
            return SQLiteEventStore(path: path, pool: pool, projections: projections, options: options)
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: "opening")
        }
    }

    /// Whether an SQLite file carries our application id; read-only, so a foreign file is never changed.
    static func isStore(at path: String, options: SQLiteStoreOptions) throws -> Bool {
        do {
            let probe = try DatabaseQueue(path: path, configuration: probeConfiguration(options))
            defer { try? probe.close() }
            return try probe.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
                == SQLiteSchema.applicationID
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            return false
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: "opening")
        }
    }

    /// Whether the file is what a `create` killed before its schema leaves: empty, or an SQLite
    /// database (its write-ahead log included) with no application id and no table but GRDB's
    /// migrations table. Read-only; call it under the store lock, where no creation is in progress.
    static func isUnfinished(at path: String, options: SQLiteStoreOptions) throws -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if size == 0 { return true }
        guard StoreFile.hasSQLiteHeader(path) else { return false }
        do {
            let probe = try DatabaseQueue(path: path, configuration: probeConfiguration(options))
            defer { try? probe.close() }
            return try probe.read(hasNoSchema)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            return false
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: "opening")
        }
    }

    /// Whether a database has neither an application id nor a table but GRDB's migrations table (and its index):
    /// a store whose creation stopped before its first migration.
    static func hasNoSchema(_ db: Database) throws -> Bool {
        let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables =
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE tbl_name NOT IN ('grdb_migrations')")
            ?? 0
        return application == 0 && tables == 0
    }

    /// A read-only connection that waits out other processes' locks: for probes that must change nothing.
    static func probeConfiguration(_ options: SQLiteStoreOptions) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(TimeInterval(options.busyTimeoutMilliseconds) / 1_000)
        return configuration
    }

    /// Connection settings: WAL, the promised `synchronous` level and the busy timeout on every connection.
    static func configuration(_ options: SQLiteStoreOptions) -> Configuration {
        var configuration = Configuration()
        configuration.label = "channel-ledger"
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(TimeInterval(options.busyTimeoutMilliseconds) / 1_000)
        let synchronous = options.synchronous.rawValue
        let timeout = options.busyTimeoutMilliseconds
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA busy_timeout = \(timeout)")
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        return configuration
    }

    /// Runs a read with busy retries, translating SQLite errors.
    func reading<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T
    {
        do {
            return try await options.retry.run { try await pool.read(body) }
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: operation)
        }
    }
}
