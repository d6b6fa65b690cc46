import EventSourcing
import Foundation
import PostgresNIO

extension PostgresBindings {
    /// Binds the events' columns as fourteen arrays, in the order the append statements unnest
    /// them: position, id, version, type, schema version, recorded-at, actor, whether there is a
    /// correlation id and the id, the same for the causation id, source, payload and hash.
    ///
    /// Each column is written in one pass (``PostgresBinaryArray``) rather than element by element
    /// through postgres-nio's own array encoding (Docs/performance.md, *PostgreSQL event columns
    /// in one pass*).
    mutating func appendEventColumns(_ records: [RecordedEvent]) {
        let none = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        append(PostgresBinaryArray(records.map(\.position)))
        append(PostgresBinaryArray(records.map(\.id)))
        append(PostgresBinaryArray(records.map(\.version)))
        append(PostgresBinaryArray(records.map(\.type)))
        append(PostgresBinaryArray(records.map { Int64($0.schemaVersion) }))
        append(PostgresBinaryArray(records.map(\.recordedAt.millisecondsSince1970)))
        append(PostgresBinaryArray(records.map(\.metadata.actor)))
        append(PostgresBinaryArray(records.map { $0.metadata.correlationID != nil }))
        append(PostgresBinaryArray(records.map { $0.metadata.correlationID ?? none }))
        append(PostgresBinaryArray(records.map { $0.metadata.causationID != nil }))
        append(PostgresBinaryArray(records.map { $0.metadata.causationID ?? none }))
        append(PostgresBinaryArray(records.map(\.metadata.source)))
        append(PostgresBinaryArray(records.map { PostgresBytes(data: $0.payload) }))
        append(PostgresBinaryArray(records.map { PostgresBytes(data: $0.hash) }))
    }
}
