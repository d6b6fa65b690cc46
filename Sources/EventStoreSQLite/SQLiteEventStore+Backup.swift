import EventSourcing
import Foundation
import GRDB

/// Consistent copies of a store file through SQLite itself (`VACUUM INTO`), never a file copy:
/// the copy is one snapshot of the log (what a read transaction sees) even while writers append,
/// compacted, in rollback-journal mode, with mode 0600.
extension SQLiteEventStore {
    /// Writes a consistent copy of the store to `path`, which must not exist yet. The copy is
    /// written aside (`path.partial-PID`) and linked into place whole, so `path` never holds half
    /// a backup, even if the process is killed.
    /// - Returns: the head of the copy (read back from it).
    public func backup(to path: String) async throws -> LogHead {
        try await Self.copyAside(to: path, operation: "backing up to") { partial in
            try await options.retry.run {
                try pool.unsafeReentrantRead { db in try db.execute(sql: "VACUUM INTO ?", arguments: [partial]) }
            }
        }
    }

    /// Copies a backup (or any store file) to `target`, which must not exist, without changing
    /// the backup; then opens the copy, applying any migrations this version adds.
    public static func restore(
        backup: String, to target: String, projections: [any Projection], options: SQLiteStoreOptions = .init()
    ) async throws -> SQLiteEventStore {
        guard FileManager.default.fileExists(atPath: backup) else { throw SQLiteStoreError.notFound(backup) }
        guard StoreFile.hasSQLiteHeader(backup), try isStore(at: backup, options: options) else {
            throw SQLiteStoreError.notAStore(backup)
        }
        _ = try await copyAside(to: target, operation: "restoring to") { partial in
            var configuration = Configuration()
            configuration.readonly = true
            let source = try DatabaseQueue(path: backup, configuration: configuration)
            defer { try? source.close() }
            try source.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [partial]) }
        }
        return try open(at: target, projections: projections, options: options)
    }

    /// The last event of the store at `path` when it is the last event of the one at `other` too:
    /// the same position and hash, which chains every event before it (a restore interrupted once
    /// its copy was in place left the backup's log there). Nil when they differ, when either
    /// holds no event, or when either cannot be read as a store.
    public static func sameLastEvent(_ path: String, as other: String) async -> LogHead? {
        func head(_ path: String) async -> LogHead? {
            guard StoreFile.hasSQLiteHeader(path) else { return nil }
            var configuration = Configuration()
            configuration.readonly = true
            guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
            defer { try? queue.close() }
            return try? await queue.read { db in try Self.lastEvent(in: db) }
        }
        guard let mine = await head(path), let theirs = await head(other), mine == theirs else { return nil }
        return mine
    }

    /// Runs `write` into a partial copy (`PartialFile`: mode 0600, locked while written), reads
    /// the copy's head back, then links the copy to `path`, which must not exist: `path` is whole
    /// or absent, never half written. Partial copies of writers that died go first.
    private static func copyAside(
        to path: String, operation: String, _ write: (String) async throws -> Void
    ) async throws -> LogHead {
        try StoreFile.requireFolder(of: path)
        PartialFile.removeStale(of: path)
        guard !FileManager.default.fileExists(atPath: path) else { throw SQLiteStoreError.alreadyExists(path) }
        guard let (partial, descriptor) = PartialFile.create(for: path) else {
            throw StoreLock.failure(path + ".partial-…", "create", errno)
        }
        defer { PartialFile.remove(partial, descriptor: descriptor) }
        do {
            try await write(partial)
            var configuration = Configuration()
            configuration.readonly = true
            let copy = try DatabaseQueue(path: partial, configuration: configuration)
            let head = try await copy.read { db in try Self.lastEvent(in: db) ?? .empty }
            try copy.close()
            guard link(partial, path) == 0 else {
                if errno == EEXIST { throw SQLiteStoreError.alreadyExists(path) }
                throw SQLiteStoreError.fileSystem(path: path, operation: "create", errno: errno)
            }
            return head
        } catch let error as SQLiteStoreError {
            throw error
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: operation)
        }
    }
}
