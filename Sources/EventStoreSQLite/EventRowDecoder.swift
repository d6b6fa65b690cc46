import EventSourcing
import Foundation
import GRDB
import GRDBSQLite

/// Turns `events` rows into ``RecordedEvent``s on the scan hot path (cached statements, no records).
///
/// Rows select ``columns`` in order, optionally followed by the stream's name; names are
/// parsed once per stream id and reused.
struct EventRowDecoder {
    /// The event columns every scan selects, in decoding order (table alias `e`).
    static let columns = """
        e.position, e.event_id, e.stream_id, e.version, e.type, e.schema_version, e.recorded_at, \
        e.actor, e.correlation_id, e.causation_id, e.source, e.payload, e.hash
        """
    /// Events after a position, with their stream names.
    static let afterPositionSQL = """
        SELECT \(columns), s.name FROM events e JOIN streams s ON s.id = e.stream_id
        WHERE e.position > ? ORDER BY e.position LIMIT ?
        """
    /// A page of one stream's events past a global position (the stream is known to the caller):
    /// from the version after that position's event when it is the stream's, by the
    /// `(stream_id, version)` index; else from the first version, filtered.
    static let streamPageSQL = """
        WITH s AS (SELECT id FROM streams WHERE name = CAST(?1 AS TEXT))
        SELECT \(columns) FROM events e
        WHERE e.stream_id = (SELECT id FROM s)
            AND e.version >= coalesce(
                (SELECT version + 1 FROM events WHERE position = ?2 AND stream_id = (SELECT id FROM s)), 1)
            AND e.position > ?2
        ORDER BY e.version LIMIT ?3
        """
    /// One stream's events from a version (the stream is known to the caller).
    static let streamSQL = """
        SELECT \(columns) FROM events e
        WHERE e.stream_id = (SELECT id FROM streams WHERE name = CAST(? AS TEXT)) AND e.version >= ?
        ORDER BY e.version
        """
    /// One event by id, with its stream name.
    static let byIDSQL = """
        SELECT \(columns), s.name FROM events e JOIN streams s ON s.id = e.stream_id WHERE e.event_id = ?
        """

    let path: String
    private var names: [Int64: StreamName] = [:]
    /// The last row's stream: rows of one stream come in runs, so most rows skip the dictionary.
    private var lastStream: (id: Int64, name: StreamName)?
    /// Types, actors and sources repeat row after row: each is reused rather than decoded again.
    private var types = RepeatedText(), actors = RepeatedText(), sources = RepeatedText()

    init(path: String) {
        self.path = path
    }

    /// Steps a statement selecting ``columns`` (plus the stream name unless `stream` is given)
    /// through SQLite's C API, decoding each row straight from the column buffers.
    ///
    /// This is the scan hot path (reads, verify, rebuilds): no `Row` or `DatabaseValue` per
    /// column, every blob copied once, stream names parsed once per stream id.
    mutating func decodeAll(
        _ statement: Statement, arguments: StatementArguments, stream: StreamName? = nil, expecting capacity: Int = 0
    ) throws -> [RecordedEvent] {
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var events: [RecordedEvent] = []
        events.reserveCapacity(capacity)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return events }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: nil, sql: nil, arguments: nil)
            }
            let streamID = sqlite3_column_int64(handle, 2)
            let name: StreamName
            if let stream {
                name = stream
            } else if let lastStream, lastStream.id == streamID {
                name = lastStream.name
            } else if let known = names[streamID] {
                name = known
                lastStream = (streamID, known)
            } else {
                guard let parsed = try? StreamName(Self.text(handle, 13)) else {
                    throw SQLiteStoreError.unreadableValue(path: path, what: "stream name")
                }
                names[streamID] = parsed
                name = parsed
                lastStream = (streamID, parsed)
            }
            guard let id = Self.uuid(handle, 1) else {
                throw SQLiteStoreError.unreadableValue(path: path, what: "event id")
            }
            events.append(
                RecordedEvent(
                    id: id, stream: name, version: sqlite3_column_int64(handle, 3),
                    position: sqlite3_column_int64(handle, 0), type: types.read(handle, 4),
                    schemaVersion: Int(sqlite3_column_int64(handle, 5)),
                    recordedAt: Timestamp(millisecondsSince1970: sqlite3_column_int64(handle, 6)),
                    payload: Self.blob(handle, 11),
                    metadata: EventMetadata(
                        actor: actors.read(handle, 7), correlationID: Self.uuid(handle, 8),
                        causationID: Self.uuid(handle, 9), source: sources.read(handle, 10)),
                    hash: Self.blob(handle, 12)))
        }
    }

    @inline(__always)
    private static func blob(_ handle: OpaquePointer?, _ column: Int32) -> Data {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    /// Text by its bytes, so an embedded NUL survives (see ``SQLiteText``).
    @inline(__always)
    private static func text(_ handle: OpaquePointer?, _ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    @inline(__always)
    private static func uuid(_ handle: OpaquePointer?, _ column: Int32) -> UUID? {
        guard sqlite3_column_bytes(handle, column) == 16, let bytes = sqlite3_column_blob(handle, column) else {
            return nil
        }
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(start: bytes, count: 16)) }
        return UUID(uuid: value)
    }

    /// Decodes a row whose stream name follows the event columns.
    mutating func decode(_ row: Row) throws -> RecordedEvent {
        let streamID = try row.decode(Int64.self, atIndex: 2)
        if let name = names[streamID] { return try decode(row, stream: name) }
        guard let text = try? SQLiteText.read(row, 13), let name = try? StreamName(text) else {
            throw SQLiteStoreError.unreadableValue(path: path, what: "stream name")
        }
        names[streamID] = name
        return try decode(row, stream: name)
    }

    /// Decodes a row of a known stream.
    func decode(_ row: Row, stream: StreamName) throws -> RecordedEvent {
        do {
            return RecordedEvent(
                id: try row.decode(atIndex: 1), stream: stream, version: try row.decode(atIndex: 3),
                position: try row.decode(atIndex: 0), type: try SQLiteText.read(row, 4),
                schemaVersion: try row.decode(atIndex: 5),
                recordedAt: Timestamp(millisecondsSince1970: try row.decode(atIndex: 6)),
                payload: try row.decode(atIndex: 11),
                metadata: EventMetadata(
                    actor: try SQLiteText.read(row, 7), correlationID: try row.decode(atIndex: 8),
                    causationID: try row.decode(atIndex: 9), source: try SQLiteText.read(row, 10)),
                hash: try row.decode(atIndex: 12))
        } catch {
            // GRDB's decoding errors quote the row's values: report only what could not be read.
            throw SQLiteStoreError.unreadableValue(path: path, what: "event envelope")
        }
    }
}
