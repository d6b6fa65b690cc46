import Foundation
import GRDBSQLite

/// The text columns of an event row that repeat from row to row (type, actor, source), each
/// remembering its last few values so a repeated value is reused instead of decoded again.
///
/// Decoding a `String` validates its UTF-8 every time; comparing the row's bytes with a value
/// already decoded is a length check and a `memcmp`.
struct RepeatedTexts {
    var type = RepeatedText()
    var actor = RepeatedText()
    var source = RepeatedText()
}

/// One column's recently decoded values and their bytes, most recently added last.
struct RepeatedText {
    /// How many values a column remembers: a log's event types in a run of rows are few.
    static let capacity = 8

    private var known: [(bytes: [UInt8], text: String)] = []
    private var next = 0

    /// The column's text in the current row, reused when its bytes match a remembered value.
    mutating func read(_ handle: OpaquePointer?, _ column: Int32) -> String {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let start = sqlite3_column_text(handle, column) else {
            return EventRowDecoder.text(handle, column)
        }
        for entry in known where entry.bytes.count == count {
            if entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, start, count) }) == 0 { return entry.text }
        }
        let bytes = Array(UnsafeBufferPointer(start: start, count: count))
        let text = String(decoding: bytes, as: UTF8.self)
        if known.count < Self.capacity {
            known.append((bytes, text))
        } else {
            known[next] = (bytes, text)
            next = (next + 1) % Self.capacity
        }
        return text
    }
}
