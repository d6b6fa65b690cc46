import Foundation

/// A file written aside before it is linked into place (a backup, a restored store, an export):
/// `PATH.partial-PID-RANDOM`, created exclusively with mode 0600 and `flock`ed through its
/// descriptor for as long as it is written, so that another process (of this host, any container
/// included, or over NFS) can tell a file being written from one whose writer died.
package enum PartialFile {
    /// A new partial file for `path`, open for reading and writing and locked; nil with `errno`
    /// set when it cannot be created or locked. Remove it with ``remove(_:descriptor:)``.
    package static func create(for path: String) -> (path: String, descriptor: Int32)? {
        let partial = path + ".partial-\(getpid())-" + String(UInt32.random(in: .min ... .max), radix: 16)
        let descriptor = open(partial, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        guard fchmod(descriptor, 0o600) == 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            unlink(partial)
            errno = code
            return nil
        }
        return (partial, descriptor)
    }

    /// The side files SQLite may keep beside a database file.
    static let sideFiles = ["-wal", "-shm", "-journal"]

    /// Removes a partial file and its side files, then lets its lock go.
    package static func remove(_ partial: String, descriptor: Int32) {
        unlinkWithSideFiles(partial)
        close(descriptor)
    }

    /// Removes the partial files of `path` (with their side files) whose writer is gone: a backup,
    /// restore or export killed before its file was in place. A file is gone when its `flock` can
    /// be taken at once; one being written keeps it.
    package static func removeStale(of path: String) {
        let prefix = (path as NSString).lastPathComponent + ".partial-"
        let folder =
            (path as NSString).deletingLastPathComponent.isEmpty
            ? "." : (path as NSString).deletingLastPathComponent
        let entries = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        for entry in entries where entry.hasPrefix(prefix) {
            let full = (folder as NSString).appendingPathComponent(entry)
            if let side = sideFiles.first(where: { entry.hasSuffix($0) }) {
                // A side file whose partial file is gone already.
                if !entries.contains(String(entry.dropLast(side.count))) { unlink(full) }
                continue
            }
            let descriptor = open(full, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { unlinkWithSideFiles(full) }
        }
    }

    private static func unlinkWithSideFiles(_ path: String) {
        for suffix in [""] + sideFiles { unlink(path + suffix) }
    }
}
