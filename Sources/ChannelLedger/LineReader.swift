import Foundation

/// Reads a file line by line in large chunks, so memory holds one chunk however long the file is.
struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var finished = false
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    /// A reader of the file at `path`.
    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw LedgerError.importFileMissing(path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LedgerError.fileUnreadable(path)
        }
        self.handle = handle
    }

    /// The next line without its newline; nil at the end of the file. Empty lines are skipped.
    mutating func next() throws -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                lineNumber += 1
                if line.isEmpty { continue }
                return Data(line)
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                lineNumber += 1
                defer { buffer = Data() }
                return buffer
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { finished = true } else { buffer.append(chunk) }
        }
    }

    /// Closes the file.
    func close() {
        try? handle.close()
    }
}
