import EventSourcing
import Foundation

extension LedgerService {
    /// Writes a consistent copy of the store to a new file (SQLite's `VACUUM INTO`, safe while others write).
    /// - Returns: the head of the copy.
    public func backup(to path: String) async throws -> LogHead {
        try await configuration.stores.backup(store, to: path)
    }

    /// Where this store's master key comes from, for telling users what must travel with a copy:
    /// its source, or why none is usable here.
    public func keyCustody() async -> Result<MasterKey.Source, any Error> {
        if let fixedKey { return .success(fixedKey.source) }
        do {
            return .success(try await vault().masterKey.source)
        } catch {
            return .failure(error)
        }
    }

    /// Restores a SQLite backup to a new store file, verifies its chain and opens it. Run again
    /// after it was interrupted, it finds the store holding the backup's log and opens that
    /// (``RestoreResult/alreadyRestored``); a store with another log is never replaced.
    public static func restore(backup: String, to location: String, configuration: LedgerConfiguration)
        async throws -> (service: LedgerService, result: RestoreResult)
    {
        let result = try await configuration.stores.restore(backup: backup, to: location, projections: projections)
        do {
            let service = try await open(at: location, configuration: configuration, formats: .any)
            let head = try await service.verify()
            // Found in place, it must still be the backup's log once open (no one wrote to it since).
            if case .alreadyRestored(let backupHead) = result, head != backupHead {
                throw LedgerError.restoreTargetExists(location)
            }
            return (service, result)
        } catch {
            // Only a file this run made is removed: one found in place is the user's.
            if case .restored = result { await configuration.stores.discard(location) }
            throw error
        }
    }
}
