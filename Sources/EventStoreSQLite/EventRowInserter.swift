import EventSourcing
import Foundation
import GRDB

/// Inserts `events` rows on the append hot path, through ``SQLiteCall``.
struct EventRowInserter {
    /// The insert, its parameters in ``bind`` order.
    static let sql = """
        INSERT INTO events (position, event_id, stream_id, version, type, schema_version, recorded_at,
            actor, correlation_id, causation_id, source, payload, hash)
        VALUES (?, ?, ?, ?, CAST(? AS TEXT), ?, ?, CAST(? AS TEXT), ?, ?, CAST(? AS TEXT), ?, ?)
        """

    private let call: SQLiteCall

    init(_ db: Database) throws {
        call = try SQLiteCall(db, sql: Self.sql)
    }

    /// Inserts one event row; throws SQLite's error (a `DatabaseError` with the extended code).
    func insert(_ event: NewEvent, position: Int64, streamID: Int64, version: Int64, hash: Data) throws {
        try call.bind(int64: position, at: 1)
        try call.bind(uuid: event.id, at: 2)
        try call.bind(int64: streamID, at: 3)
        try call.bind(int64: version, at: 4)
        try call.bind(text: event.type, at: 5)
        try call.bind(int64: Int64(event.schemaVersion), at: 6)
        try call.bind(int64: event.recordedAt.millisecondsSince1970, at: 7)
        try call.bind(text: event.metadata.actor, at: 8)
        try call.bind(uuid: event.metadata.correlationID, at: 9)
        try call.bind(uuid: event.metadata.causationID, at: 10)
        try call.bind(text: event.metadata.source, at: 11)
        try call.bind(blob: event.payload, at: 12)
        try call.bind(blob: hash, at: 13)
        try call.run()
    }
}
