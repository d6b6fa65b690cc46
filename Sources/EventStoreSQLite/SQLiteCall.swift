import Foundation
import GRDB
import GRDBSQLite

/// A statement GRDB prepared and caches, run through SQLite's C API on the hot paths (appends,
/// inline projections, rebuilds): values bound by their bytes (no `StatementArguments`, no boxed
/// values), stepped, and reset with its bindings cleared, so no bound bytes outlive the call.
///
/// Text is bound by its UTF-8 bytes and length, so an embedded NUL survives (see ``SQLiteText``).
struct SQLiteCall {
    private let db: Database
    private let handle: OpaquePointer?

    /// The cached statement for `sql` on `db`'s connection.
    init(_ db: Database, sql: String) throws {
        self.db = db
        handle = try db.cachedStatement(sql: sql).sqliteStatement
    }

    /// Runs the statement to its end; throws SQLite's error (a `DatabaseError` with the extended code).
    func run() throws {
        defer { reset() }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error() }
    }

    /// Runs the statement and reads the first row's column 0 with `read`; nil when there is no row.
    func first<T>(_ read: (OpaquePointer?) -> T) throws -> T? {
        defer { reset() }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return read(handle)
        case SQLITE_DONE: return nil
        default: throw error()
        }
    }

    /// The first row's column 0 as bytes (an empty blob reads as empty `Data`).
    func firstBlob() throws -> Data? {
        try first { handle in
            guard let bytes = sqlite3_column_blob(handle, 0) else { return Data() }
            return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, 0)))
        }
    }

    /// The first row's column 0 as text, by its bytes.
    func firstText() throws -> String? {
        try first { handle in
            guard let bytes = sqlite3_column_blob(handle, 0) else { return "" }
            return String(
                decoding: UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, 0))),
                as: UTF8.self)
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    @inline(__always)
    func bind(int64 value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    @inline(__always)
    func bind(text: String, at index: Int32) {
        var text = text
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(
                handle, index,
                UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                    .assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
        }
    }

    @inline(__always)
    func bind(blob: Data, at index: Int32) {
        guard !blob.isEmpty else {
            sqlite3_bind_zeroblob(handle, index, 0)
            return
        }
        blob.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    @inline(__always)
    func bind(uuid: UUID?, at index: Int32) {
        guard let uuid else {
            sqlite3_bind_null(handle, index)
            return
        }
        withUnsafeBytes(of: uuid.uuid) { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, 16, Self.transient)
        }
    }

    private func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    private func error() -> DatabaseError {
        let connection = db.sqliteConnection
        return DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
            message: sqlite3_errmsg(connection).map { String(cString: $0) }, sql: nil, arguments: nil)
    }
}
