import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// File-system steps around the store file that happen before SQLite sees it.
enum StoreFile {
    /// The folder holding a path (`.` for a bare file name).
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Throws ``SQLiteStoreError/directoryNotFound(_:)`` unless the store's folder exists.
    static func requireFolder(of path: String) throws(SQLiteStoreError) {
        var isDirectory: ObjCBool = false
        let folder = folder(of: path)
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .directoryNotFound(folder)
        }
    }

    /// Creates an empty file readable and writable by its owner only; fails if anything is there.
    static func createExclusively(_ path: String) throws(SQLiteStoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .alreadyExists(path) }
            throw StoreLock.failure(path, "create", code)
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { throw StoreLock.failure(path, "set the mode of", errno) }
    }

    /// Whether a file starts with SQLite's header magic.
    static func hasSQLiteHeader(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let magic = Array("SQLite format 3\0".utf8)
        guard let bytes = try? handle.read(upToCount: magic.count) else { return false }
        return Array(bytes) == magic
    }

    /// Removes a store file and its WAL and shared-memory files (after a failed create).
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }
}
