import Foundation
import GRDB
import GRDBSQLite

/// A statement GRDB prepared and caches, run through SQLite's C API on the hot paths (appends,
/// inline projections, rebuilds): values bound by their bytes (no `StatementArguments`, no boxed
/// values), stepped, and reset with its bindings cleared, so no bound bytes outlive the call.
///
/// Text is bound by its UTF-8 bytes and length, so an embedded NUL survives (see ``SQLiteText``).
///
/// What GRDB would do around a statement is skipped: no transaction observer hears of these writes
/// (the store registers none), a cancelled task's write fails as `SQLITE_INTERRUPT` (which group
/// commit already reads as cancellation), and errors carry no SQL text.
struct SQLiteCall {
    private let db: Database
    /// Held so that GRDB keeps the prepared statement alive for as long as this call is used.
    private let statement: Statement
    private let handle: OpaquePointer?

    /// The cached statement for `sql` on `db`'s connection.
    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
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

    /// Binds an integer to the parameter at `index` (from 1).
    @inline(__always)
    func bind(int64 value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds text, by its UTF-8 bytes, to the parameter at `index`.
    @inline(__always)
    func bind(text: String, at index: Int32) throws {
        var text = text
        let code = text.withUTF8 { bytes in
            guard let count = Int32(exactly: bytes.count) else { return SQLITE_TOOBIG }
            return sqlite3_bind_text(
                handle, index,
                UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                    .assumingMemoryBound(to: CChar.self), count, Self.transient)
        }
        try check(code)
    }

    /// Binds bytes to the parameter at `index`; empty bytes bind as an empty blob, not NULL.
    @inline(__always)
    func bind(blob: Data, at index: Int32) throws {
        let code = blob.withUnsafeBytes { bytes in
            guard let count = Int32(exactly: bytes.count) else { return SQLITE_TOOBIG }
            guard count > 0 else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return sqlite3_bind_blob(handle, index, bytes.baseAddress, count, Self.transient)
        }
        try check(code)
    }

    /// Binds a UUID's 16 bytes to the parameter at `index`, or NULL.
    @inline(__always)
    func bind(uuid: UUID?, at index: Int32) throws {
        guard let uuid else {
            try check(sqlite3_bind_null(handle, index))
            return
        }
        let code = withUnsafeBytes(of: uuid.uuid) { bytes in
            sqlite3_bind_blob(handle, index, bytes.baseAddress, 16, Self.transient)
        }
        try check(code)
    }

    /// Throws SQLite's error for a bind that failed (too big, out of memory), with the bindings cleared.
    @inline(__always)
    private func check(_ code: Int32) throws {
        guard code != SQLITE_OK else { return }
        reset()
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding a parameter failed")
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
