import Foundation

/// An event ready to append: everything but its place in the log and its hash.
public struct NewEvent: Hashable, Sendable {
    /// Unique forever; re-appending the same id with the same bytes is absorbed.
    public var id: UUID
    /// The stable wire name, e.g. `ChannelCreated`.
    public var type: String
    /// The schema version of `payload`.
    public var schemaVersion: Int
    /// When the command was decided.
    public var recordedAt: Timestamp
    /// Canonical JSON bytes, stored and hashed exactly as given.
    public var payload: Data
    /// Actor, correlation, causation and source.
    public var metadata: EventMetadata

    /// Creates an event from its parts, the payload already in canonical bytes.
    public init(
        id: UUID, type: String, schemaVersion: Int, recordedAt: Timestamp, payload: Data, metadata: EventMetadata
    ) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.recordedAt = recordedAt
        self.payload = payload
        self.metadata = metadata
    }

    /// An event from a typed payload, encoded once into its canonical bytes; the payload is
    /// remembered (``PayloadMemo``), so that the inline projections need not decode it again.
    public init<P: EventPayload>(id: UUID, payload: P, recordedAt: Timestamp, metadata: EventMetadata) throws {
        let bytes = try payload.encoded()
        self.init(
            id: id, type: P.wireName, schemaVersion: P.schemaVersion, recordedAt: recordedAt, payload: bytes,
            metadata: metadata)
        EventCodecs.recentPayloads.remember(id, bytes, payload)
    }

    /// Whether a recorded event carries the same content: stream, type, schema version and payload bytes.
    public func isSameContent(as recorded: RecordedEvent, in stream: StreamName) -> Bool {
        recorded.stream == stream && recorded.type == type && recorded.schemaVersion == schemaVersion
            && recorded.payload == payload
    }
}
