#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on the sibling file `<store>.lock` (created 0600), held while a store
/// is created, first opened and migrated, so concurrent processes never race through setup.
struct StoreLock: ~Copyable {
    private let descriptor: Int32

    /// Blocks until this process holds the lock of the store at `storePath`.
    init(storePath: String) throws(SQLiteStoreError) {
        let lockPath = storePath + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure(lockPath, "create the lock file", errno) }
        while flock(descriptor, LOCK_EX) != 0 {
            let code = errno
            guard code == EINTR else {
                close(descriptor)
                throw Self.failure(lockPath, "lock", code)
            }
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Whether a process holds the lock of the store at `storePath` now: its creation or first
    /// opening is in progress. Takes nothing.
    static func isHeld(storePath: String) -> Bool {
        let descriptor = open(storePath + ".lock", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }

    static func failure(_ path: String, _ operation: String, _ code: Int32) -> SQLiteStoreError {
        switch code {
        case EACCES, EPERM, EROFS: .permissionDenied(path)
        case ENOENT, ENOTDIR: .directoryNotFound(StoreFile.folder(of: path))
        default: .fileSystem(path: path, operation: operation, errno: code)
        }
    }
}
