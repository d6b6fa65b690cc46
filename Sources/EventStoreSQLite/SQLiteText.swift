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

extension Statement {
    /// The first row, mapped while it is still backed by the statement (so ``SQLiteText/read(_:_:)``
    /// sees the stored bytes; a copied row already holds C-string text).
    func firstRow<T>(arguments: StatementArguments, _ map: (Row) throws -> T) throws -> T? {
        let rows = try Row.fetchCursor(self, arguments: arguments)
        var first: T?
        while let row = try rows.next() {
            if first == nil { first = try map(row) }
        }
        return first
    }
}
