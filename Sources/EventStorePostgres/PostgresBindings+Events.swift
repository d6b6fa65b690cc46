import EventSourcing
import Foundation
import PostgresNIO

extension PostgresBindings {
    /// Binds the events' columns as fourteen arrays, in the order the append statements unnest
    /// them: position, id, version, type, schema version, recorded-at, actor, whether there is a
    /// correlation id and the id, the same for the causation id, source, payload and hash.
    ///
    /// Each column is bound by its concrete type, so postgres-nio's inlinable encoders are
    /// specialized here; bound as `any PostgresThrowingDynamicTypeEncodable`, each element goes
    /// through the generic encoder (Docs/performance.md, *PostgreSQL appends in one call*).
    mutating func appendEventColumns(_ records: [RecordedEvent]) {
        let none = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        append(records.map(\.position))
        append(records.map(\.id))
        append(records.map(\.version))
        append(records.map(\.type))
        append(records.map { Int64($0.schemaVersion) })
        append(records.map(\.recordedAt.millisecondsSince1970))
        append(records.map(\.metadata.actor))
        append(records.map { $0.metadata.correlationID != nil })
        append(records.map { $0.metadata.correlationID ?? none })
        append(records.map { $0.metadata.causationID != nil })
        append(records.map { $0.metadata.causationID ?? none })
        append(records.map(\.metadata.source))
        append(records.map { ByteBuffer(bytes: $0.payload) })
        append(records.map { ByteBuffer(bytes: $0.hash) })
    }
}
