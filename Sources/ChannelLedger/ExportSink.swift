import Foundation

/// Where an export goes: a temporary file renamed into place at the end, or stdout.
final class ExportSink {
    private let handle: FileHandle
    private let target: String?
    private let temporary: String?

    init(path: String) throws {
        if path == "-" {
            handle = .standardOutput
            target = nil
            temporary = nil
            return
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LedgerError.exportTargetExists(path)
        }
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw LedgerError.exportUnwritable(path, reason: nil)
        }
        self.handle = handle
        self.target = path
        self.temporary = temporary
    }

    func write(_ data: Data) throws {
        guard !data.isEmpty else { return }
        try handle.write(contentsOf: data)
    }

    func finish() throws {
        guard let target, let temporary else { return }
        try handle.synchronize()
        try handle.close()
        guard link(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            if code == EEXIST {
                throw LedgerError.exportTargetExists(target)
            }
            throw LedgerError.exportUnwritable(target, reason: String(cString: strerror(code)))
        }
        unlink(temporary)
    }

    func abandon() {
        guard let temporary else { return }
        try? handle.close()
        unlink(temporary)
    }
}
