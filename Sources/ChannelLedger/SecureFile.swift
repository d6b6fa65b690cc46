import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files and folders only their owner can read: key files and their folder.
enum SecureFile {
    /// Creates a folder (and its parents) with mode 0700 where it does not exist.
    static func createDirectory(atPath path: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw KeyError.cannotWrite(path: path, reason: "cannot create the folder")
        }
    }

    /// Whether a file can be read or written by anyone but its owner.
    static func isExposed(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & 0o077 != 0
    }

    /// Writes a new file with mode 0600; refuses to overwrite one.
    static func create(_ data: Data, atNewPath path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw KeyError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(fd) == 0 else {
            throw KeyError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
