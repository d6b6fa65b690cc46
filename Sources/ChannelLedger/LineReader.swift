import Foundation

/// Reads a file line by line in large chunks, so memory holds one chunk however long the file is.
/// Lines are read from a moving offset into the chunk, found by `memchr`; what was read is dropped
/// once per refill, not once per line (which moved the rest of a 1 MiB chunk for every line).
struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    /// Where the next line starts in ``buffer`` (always indexed from 0).
    private var offset = 0
    /// How far past ``offset`` the buffer is known to hold no newline (a line longer than a chunk
    /// is searched once, not again after every refill).
    private var scanned = 0
    private var finished = false
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    /// A reader of the file at `path`.
    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw LedgerError.importFileMissing(path) }
        guard !FileManager.default.isFolder(atPath: path) else { throw LedgerError.importFileIsFolder(path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LedgerError.fileUnreadable(path)
        }
        self.handle = handle
    }

    /// The next line without its newline; nil at the end of the file. Empty lines are skipped.
    mutating func next() throws -> Data? {
        while true {
            if let newline = Self.newline(in: buffer, from: offset + scanned) {
                let start = offset
                (offset, scanned) = (newline + 1, 0)
                lineNumber += 1
                if newline == start { continue }
                return buffer.subdata(in: start..<newline)
            }
            if finished {
                guard offset < buffer.count else { return nil }
                lineNumber += 1
                defer { (buffer, offset, scanned) = (Data(), 0, 0) }
                return buffer.subdata(in: offset..<buffer.count)
            }
            scanned = buffer.count - offset
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty {
                finished = true
            } else {
                // A fresh buffer indexed from 0: the unread tail, then the chunk.
                var next = Data(capacity: buffer.count - offset + chunk.count)
                next.append(buffer.subdata(in: offset..<buffer.count))
                next.append(chunk)
                (buffer, offset) = (next, 0)
            }
        }
    }

    /// The index of the first newline at or after `offset` in `data` (indexed from 0), by `memchr`:
    /// a generic search went through `Data`'s subscript for every byte.
    private static func newline(in data: Data, from offset: Int) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            guard offset < raw.count, let base = raw.baseAddress,
                let hit = memchr(base + offset, Int32(UInt8(ascii: "\n")), raw.count - offset)
            else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
    }

    /// Closes the file.
    func close() {
        try? handle.close()
    }
}
