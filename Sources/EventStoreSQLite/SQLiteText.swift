import Foundation
import GRDB

/// Strings bound and read so that SQLite keeps every byte.
///
/// GRDB binds text up to its first NUL and reads it back as a C string, which would store
/// `"a\u{0}b"` as `"a"`: a silently altered envelope (and a broken hash chain), or two stream
/// names merged into one. A string containing NUL is bound as its UTF-8 bytes instead, and
/// every statement wraps text parameters in `CAST(? AS TEXT)`, which keeps the bytes as text.
enum SQLiteText {
    /// The value to bind for a `CAST(? AS TEXT)` parameter.
    @inline(__always)
    static func bind(_ string: String) -> any DatabaseValueConvertible {
        string.utf8.contains(0) ? Data(string.utf8) : string
    }

    /// A TEXT column read by its bytes.
    @inline(__always)
    static func read(_ row: Row, _ index: Int) throws -> String {
        try row.withUnsafeData(atIndex: index) { data in data.map { String(decoding: $0, as: UTF8.self) } ?? "" }
    }
}
