import ChannelLedger
import Foundation

/// The folder a SQLite store lives in, and cleaning up a store that never got initialized.
enum StoreFolder {
    /// Creates the store's parent folder (mode 0700) where it does not exist.
    static func create(for storePath: String) throws {
        let folder = (storePath as NSString).deletingLastPathComponent
        guard !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LedgerError.cannotCreateFolder(folder)
        }
    }

    /// Refuses a store path that names a folder, before anything (a lock file) is made beside it.
    static func refuseFolder(_ storePath: String) throws {
        if FileManager.default.isFolder(atPath: storePath) { throw LedgerError.storeIsFolder(storePath) }
    }

    /// Removes a store file and its companions (WAL, shared memory, lock).
    static func remove(storeAt path: String) {
        for suffix in ["", "-wal", "-shm", ".lock"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
