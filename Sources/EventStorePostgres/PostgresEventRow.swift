import EventSourcing
import Foundation
import PostgresNIO

/// Turns `events` rows into ``RecordedEvent``s: the scan's SQL and its decoding in one place.
///
/// Rows select ``columns`` in order, followed by the stream's name; names are parsed once per
/// distinct text and reused.
struct PostgresEventRow {
    /// The event columns every scan selects, in decoding order (table alias `e`), then the stream name.
    static let columns = """
        e.position, e.event_id, e.version, e.type, e.schema_version, e.recorded_at, e.actor, \
        e.correlation_id, e.causation_id, e.source, e.payload, e.hash, s.name
        """
    /// Events after a position, in position order.
    static let afterPositionSQL = """
        SELECT \(columns) FROM events e JOIN streams s ON s.id = e.stream_id
        WHERE e.position > $1 ORDER BY e.position LIMIT $2
        """
    /// A page of one stream's events past a global position: from the version after that
    /// position's event when it is the stream's, else from the first version, filtered.
    static let streamPageSQL = """
        SELECT \(columns) FROM events e JOIN streams s ON s.id = e.stream_id
        WHERE s.name = $1
            AND e.version >= coalesce(
                (SELECT p.version + 1 FROM events p WHERE p.position = $2 AND p.stream_id = s.id), 1)
            AND e.position > $2
        ORDER BY e.version LIMIT $3
        """
    /// One stream's events from a version.
    static let streamSQL = """
        SELECT \(columns) FROM events e JOIN streams s ON s.id = e.stream_id
        WHERE s.name = $1 AND e.version >= $2 ORDER BY e.version
        """
    /// Events by id (any order).
    static let byIDSQL = """
        SELECT \(columns) FROM events e JOIN streams s ON s.id = e.stream_id WHERE e.event_id = ANY($1)
        """

    let server: String
    private var names: [String: StreamName] = [:]

    init(server: String) {
        self.server = server
    }

    /// Decodes one row; a value that does not decode is reported without quoting it.
    mutating func decode(_ row: PostgresRow) throws -> RecordedEvent {
        let columns: (Int64, UUID, Int64, String, Int64, Int64, String, UUID?, UUID?, String, Data, Data, String)
        do {
            columns = try row.decode(
                (Int64, UUID, Int64, String, Int64, Int64, String, UUID?, UUID?, String, Data, Data, String).self)
        } catch {
            throw PostgresStoreError.unreadableValue(server: server, what: "event envelope")
        }
        let stream = try name(columns.12)
        return RecordedEvent(
            id: columns.1, stream: stream, version: columns.2, position: columns.0, type: columns.3,
            schemaVersion: Int(columns.4), recordedAt: Timestamp(millisecondsSince1970: columns.5),
            payload: columns.10,
            metadata: EventMetadata(
                actor: columns.6, correlationID: columns.7, causationID: columns.8, source: columns.9),
            hash: columns.11)
    }

    /// Decodes every row of a query.
    mutating func decodeAll(_ rows: [PostgresRow]) throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        events.reserveCapacity(rows.count)
        for row in rows { events.append(try decode(row)) }
        return events
    }

    private mutating func name(_ text: String) throws -> StreamName {
        if let name = names[text] { return name }
        guard let name = try? StreamName(text) else {
            throw PostgresStoreError.unreadableValue(server: server, what: "stream name")
        }
        names[text] = name
        return name
    }
}
