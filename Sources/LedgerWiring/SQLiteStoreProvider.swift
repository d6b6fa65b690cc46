import ChannelLedger
import EventSourcing
import EventStoreSQLite

/// The embedded default: a SQLite file per store, created with its folder (mode 0700).
public struct SQLiteStoreProvider: StoreProvider {
    /// The default provider.
    public init() {}

    /// Opens the SQLite file at `location`.
    public func open(_ location: String, projections: [any Projection]) async throws -> any EventStore {
        try StoreFolder.refuseFolder(location)
        do {
            return try SQLiteEventStore.open(at: location, projections: projections)
        } catch SQLiteStoreError.notFound {
            throw LedgerError.storeMissing(path: location)
        }
    }

    /// Reads a stream of the file read-only: no migration, no lock file, no `-wal` or `-shm` file.
    public func peek(_ stream: StreamName, at location: String) async throws -> [RecordedEvent] {
        try StoreFolder.refuseFolder(location)
        do {
            return try await SQLiteEventStore.peek(stream: stream, at: location)
        } catch SQLiteStoreError.notFound {
            throw LedgerError.storeMissing(path: location)
        }
    }

    /// Creates the file (and its folder) unless it exists; then opens it.
    public func create(_ location: String, projections: [any Projection]) async throws -> (
        any EventStore, created: Bool
    ) {
        try StoreFolder.refuseFolder(location)
        try StoreFolder.create(for: location)
        do {
            return (try SQLiteEventStore.create(at: location, projections: projections), true)
        } catch SQLiteStoreError.alreadyExists {
            return (try SQLiteEventStore.open(at: location, projections: projections), false)
        }
    }

    /// A path shows as itself.
    public func displayName(_ location: String) -> String { location }

    /// Deletes the file with its WAL, shared-memory and lock files.
    public func discard(_ location: String) async {
        StoreFolder.remove(storeAt: location)
    }

    /// SQLite's `VACUUM INTO`, safe while others write.
    public func backup(_ store: any EventStore, to path: String) async throws -> LogHead {
        guard let sqlite = store as? SQLiteEventStore else { throw LedgerError.backupNeedsSQLite }
        do {
            return try await sqlite.backup(to: path)
        } catch SQLiteStoreError.alreadyExists(let path) {
            throw LedgerError.backupTargetExists(path)
        } catch SQLiteStoreError.directoryNotFound(let folder) {
            throw LedgerError.backupFolderMissing(folder)
        }
    }

    /// Copies the backup to a new file (and its folder), applying this version's migrations; a
    /// file that holds the backup's whole log already is left as it is.
    public func restore(backup: String, to location: String, projections: [any Projection]) async throws
        -> RestoreResult
    {
        try StoreFolder.create(for: location)
        do {
            _ = try await SQLiteEventStore.restore(backup: backup, to: location, projections: projections)
            return .restored
        } catch SQLiteStoreError.alreadyExists(let path) {
            guard let head = await SQLiteEventStore.sameLastEvent(location, as: backup) else {
                throw LedgerError.restoreTargetExists(path)
            }
            return .alreadyRestored(head)
        } catch SQLiteStoreError.notFound(let path) where path == backup {
            throw LedgerError.backupNotFound(path)
        } catch SQLiteStoreError.notAStore(let path) where path == backup {
            throw LedgerError.notABackup(path)
        }
    }

    /// A missing file is "not found" (4), a lock held through every retry a conflict (7), the rest 9.
    public func failureClass(of error: any Error) -> FailureClass? {
        guard let error = error as? SQLiteStoreError else { return nil }
        switch error {
        case .notFound: return .notFound
        case .busy: return .conflict
        default: return .storeOrKey
        }
    }
}
