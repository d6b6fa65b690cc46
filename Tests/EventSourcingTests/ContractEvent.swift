import EventSourcing
import Foundation

/// Small event fixtures for the kernel's unit tests.
enum ContractEvent {
    /// A counted event with a fresh time-ordered id.
    static func make(payload: String = #"{"n":1}"#, id: UUID = UUIDv7.make()) -> NewEvent {
        NewEvent(
            id: id, type: "ContractCounted", schemaVersion: 1, recordedAt: Timestamp(millisecondsSince1970: 1_000),
            payload: Data(payload.utf8), metadata: EventMetadata(actor: "test", source: "cli"))
    }

    /// The recorded form of `event` at a place in the log (hash left empty).
    static func recorded(_ event: NewEvent, in stream: StreamName, version: Int64, position: Int64) -> RecordedEvent {
        RecordedEvent(
            id: event.id, stream: stream, version: version, position: position, type: event.type,
            schemaVersion: event.schemaVersion, recordedAt: event.recordedAt, payload: event.payload,
            metadata: event.metadata, hash: Data())
    }
}
