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
            throw LedgerError.invalidArgument("\(path) exists; export to a new file (nothing was written)")
        }
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw LedgerError.invalidArgument("cannot write \(path); check the folder exists and is writable")
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
                throw LedgerError.invalidArgument(
                    "\(target) appeared meanwhile; export to a new file (nothing was written)")
            }
            throw LedgerError.invalidArgument(
                "cannot create \(target) (\(String(cString: strerror(code)))); check the folder is writable (nothing was written)"
            )
        }
        unlink(temporary)
    }

    func abandon() {
        guard let temporary else { return }
        try? handle.close()
        unlink(temporary)
    }
}
