import EventSourcing
import Foundation
import GRDB

/// Consistent copies of a store file through SQLite itself (`VACUUM INTO`), never a file copy:
/// the copy is one snapshot of the log (what a read transaction sees) even while writers append,
/// compacted, in rollback-journal mode, with mode 0600.
extension SQLiteEventStore {
    /// Writes a consistent copy of the store to `path`, which must not exist yet.
    /// - Returns: the head of the copy (read back from it).
    public func backup(to path: String) async throws -> LogHead {
        try StoreFile.requireFolder(of: path)
        try StoreFile.createExclusively(path)
        do {
            try await options.retry.run {
                try pool.unsafeReentrantRead { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
            }
            var configuration = Configuration()
            configuration.readonly = true
            let copy = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? copy.close() }
            return try await copy.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1")
                return try row.map { LogHead(position: try $0.decode(atIndex: 0), hash: try $0.decode(atIndex: 1)) }
                    ?? .empty
            }
        } catch {
            StoreFile.remove(path)
            throw SQLiteStoreError.translating(error, path: path, operation: "backing up to")
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
        try StoreFile.requireFolder(of: target)
        try StoreFile.createExclusively(target)
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let source = try DatabaseQueue(path: backup, configuration: configuration)
            defer { try? source.close() }
            try source.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [target]) }
        } catch {
            StoreFile.remove(target)
            throw SQLiteStoreError.translating(error, path: backup, operation: "restoring from")
        }
        return try open(at: target, projections: projections, options: options)
    }
}
