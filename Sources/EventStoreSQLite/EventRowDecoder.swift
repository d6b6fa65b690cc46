import EventSourcing
import Foundation
import GRDB

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

    init(path: String) {
        self.path = path
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
