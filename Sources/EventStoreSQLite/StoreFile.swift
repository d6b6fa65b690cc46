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

    /// A new partial copy of `path`: `path.partial-PID-RANDOM`, created exclusively (mode 0600)
    /// and `flock`ed through the returned descriptor for as long as it is open, so that another
    /// process (of this host, any container included, or over NFS) can tell a copy being written
    /// from one whose writer died. Close the descriptor with ``removePartial(_:descriptor:)``.
    static func createPartial(of path: String) throws(SQLiteStoreError) -> (path: String, descriptor: Int32) {
        let partial = path + ".partial-\(getpid())-" + String(UInt32.random(in: .min ... .max), radix: 16)
        let descriptor = open(partial, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreLock.failure(partial, "create", errno) }
        guard fchmod(descriptor, 0o600) == 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            unlink(partial)
            throw StoreLock.failure(partial, "lock", code)
        }
        return (partial, descriptor)
    }

    /// Removes a partial copy and its SQLite side files, then lets its lock go.
    static func removePartial(_ partial: String, descriptor: Int32) {
        remove(partial)
        close(descriptor)
    }

    /// Removes the partial copies of `path` (`path.partial-…`, with their `-wal`, `-shm` and
    /// `-journal`) whose writer is gone: a backup or restore killed before its copy was in place.
    /// A copy is gone when its `flock` can be taken at once; one being written keeps it.
    static func removeStalePartials(of path: String) {
        let prefix = (path as NSString).lastPathComponent + ".partial-"
        let folder = folder(of: path)
        let entries = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        let sideFiles = ["-wal", "-shm", "-journal"]
        for entry in entries where entry.hasPrefix(prefix) {
            let full = (folder as NSString).appendingPathComponent(entry)
            if let side = sideFiles.first(where: { entry.hasSuffix($0) }) {
                // A side file whose copy is gone already.
                if !entries.contains(String(entry.dropLast(side.count))) { unlink(full) }
                continue
            }
            let descriptor = open(full, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { remove(full) }
        }
    }
}
