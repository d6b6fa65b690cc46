import EventSourcing
import Foundation

/// Where an export goes: a partial file (`PartialFile`) linked into place at the end, or stdout.
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
        // Written aside and locked while written (`PartialFile`); what a killed export left goes first.
        PartialFile.removeStale(of: path)
        guard let (temporary, descriptor) = PartialFile.create(for: path) else {
            throw LedgerError.exportUnwritable(path, reason: nil)
        }
        self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
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
        // Closed only once linked: its lock tells every other export that it is still being written.
        defer { try? handle.close() }
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
