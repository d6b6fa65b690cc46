import EventSourcing
import EventStoreSQLite
import Foundation

extension LedgerService {
    /// Writes a consistent copy of a SQLite store (SQLite's `VACUUM INTO`, safe while others write).
    /// - Returns: the head of the copy.
    public func backup(to path: String) async throws -> LogHead {
        guard let sqlite = store as? SQLiteEventStore else { throw LedgerError.backupNeedsSQLite }
        do {
            return try await sqlite.backup(to: path)
        } catch SQLiteStoreError.alreadyExists(let path) {
            throw LedgerError.invalidArgument(
                "\(path) exists; back up to a new file (the existing file was not touched)")
        } catch SQLiteStoreError.directoryNotFound(let folder) {
            throw LedgerError.invalidArgument(
                "the folder \(folder) does not exist; create it (mkdir -p) or back up to another folder")
        }
    }

    /// Where this store's master key comes from, for telling users what must travel with a copy.
    public func keyDescription() async -> String {
        if fixedKey != nil { return "an ephemeral key (this store's secrets cannot be read elsewhere)" }
        do {
            return try await vault().masterKey.source.description
        } catch {
            return "no usable key here (\(classify(error).1))"
        }
    }

    /// Restores a SQLite backup to a new store file, verifies its chain and opens it.
    public static func restore(backup: String, to location: String, configuration: LedgerConfiguration)
        async throws -> LedgerService
    {
        guard !location.contains("://") else { throw LedgerError.restoreNeedsSQLite }
        try StoreFolder.create(for: location)
        do {
            _ = try await SQLiteEventStore.restore(backup: backup, to: location, projections: projections)
        } catch SQLiteStoreError.alreadyExists(let path) {
            throw LedgerError.invalidArgument(
                "\(path) exists; restore into a new --store path (the existing store was not touched)")
        } catch SQLiteStoreError.notFound(let path) where path == backup {
            throw LedgerError.backupNotFound(path)
        } catch SQLiteStoreError.notAStore(let path) where path == backup {
            throw LedgerError.notABackup(path)
        }
        do {
            let service = try await open(at: location, configuration: configuration)
            _ = try await service.verify()
            return service
        } catch {
            await configuration.stores.discard(location)
            throw error
        }
    }

    /// Imports an export into the store at `location`, creating it when there is none. A store
    /// this call created is removed again if the import fails before writing anything (a refused
    /// file leaves nothing behind); once events are written it is kept, since others may use it
    /// already and the import resumes when run again.
    public static func importLog(
        from path: String, into location: String, configuration: LedgerConfiguration
    ) async throws -> (LedgerService, TransferSummary) {
        let (store, created) = try await configuration.stores.create(location, projections: projections)
        do {
            let summary = try await importLog(from: path, into: store)
            let service = try await open(at: location, configuration: configuration)
            return (service, summary)
        } catch {
            if created, (try? await store.head().position) == 0 { await configuration.stores.discard(location) }
            throw error
        }
    }
}
