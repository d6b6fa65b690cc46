import EventSourcing
import Foundation
import GRDB
import GRDBSQLite

/// Inserts `events` rows on the append hot path: values bound straight through SQLite's C API
/// (no `StatementArguments`, no boxed values), the cached statement stepped and reset.
///
/// Text is bound by its UTF-8 bytes and length, so an embedded NUL survives (see ``SQLiteText``).
struct EventRowInserter {
    /// The insert, its parameters in ``bind`` order.
    static let sql = """
        INSERT INTO events (position, event_id, stream_id, version, type, schema_version, recorded_at,
            actor, correlation_id, causation_id, source, payload, hash)
        VALUES (?, ?, ?, ?, CAST(? AS TEXT), ?, ?, CAST(? AS TEXT), ?, ?, CAST(? AS TEXT), ?, ?)
        """

    private let db: Database
    private let handle: OpaquePointer?

    init(_ db: Database) throws {
        self.db = db
        handle = try db.cachedStatement(sql: Self.sql).sqliteStatement
    }

    /// Inserts one event row; throws SQLite's error (a `DatabaseError` with the extended code).
    func insert(_ event: NewEvent, position: Int64, streamID: Int64, version: Int64, hash: Data) throws {
        defer { sqlite3_reset(handle) }
        sqlite3_bind_int64(handle, 1, position)
        bind(uuid: event.id, at: 2)
        sqlite3_bind_int64(handle, 3, streamID)
        sqlite3_bind_int64(handle, 4, version)
        bind(text: event.type, at: 5)
        sqlite3_bind_int64(handle, 6, Int64(event.schemaVersion))
        sqlite3_bind_int64(handle, 7, event.recordedAt.millisecondsSince1970)
        bind(text: event.metadata.actor, at: 8)
        bind(uuid: event.metadata.correlationID, at: 9)
        bind(uuid: event.metadata.causationID, at: 10)
        bind(text: event.metadata.source, at: 11)
        bind(blob: event.payload, at: 12)
        bind(blob: hash, at: 13)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let connection = db.sqliteConnection
            throw DatabaseError(
                resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                message: sqlite3_errmsg(connection).map { String(cString: $0) }, sql: nil, arguments: nil)
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    @inline(__always)
    private func bind(text: String, at index: Int32) {
        var text = text
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(
                handle, index,
                UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                    .assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
        }
    }

    @inline(__always)
    private func bind(blob: Data, at index: Int32) {
        guard !blob.isEmpty else {
            sqlite3_bind_zeroblob(handle, index, 0)
            return
        }
        blob.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    @inline(__always)
    private func bind(uuid: UUID?, at index: Int32) {
        guard let uuid else {
            sqlite3_bind_null(handle, index)
            return
        }
        withUnsafeBytes(of: uuid.uuid) { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, 16, Self.transient)
        }
    }
}
