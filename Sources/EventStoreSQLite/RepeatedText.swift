import Foundation
import GRDBSQLite

/// A text column whose values repeat from row to row (an event's type, actor or source),
/// remembering its last few values so a repeated value is reused instead of decoded again.
///
/// Decoding a `String` validates its UTF-8 every time; comparing the row's bytes with a value
/// already decoded is a length check and a `memcmp`.
struct RepeatedText {
    /// How many values a column remembers: a log's event types in a run of rows are few.
    static let capacity = 8

    /// Remembered values; once full, each new value replaces the oldest.
    private var known: [String] = []
    private var oldest = 0

    /// The column's text in the current row, reused when its bytes match a remembered value.
    mutating func read(_ handle: OpaquePointer?, _ column: Int32) -> String {
        guard let start = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0 else { return "" }
        for var candidate in known where candidate.utf8.count == count {
            if candidate.withUTF8({ memcmp($0.baseAddress!, start, count) == 0 }) { return candidate }
        }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        if known.count < Self.capacity {
            known.append(text)
        } else {
            known[oldest] = text
            oldest = (oldest + 1) % Self.capacity
        }
        return text
    }
}
