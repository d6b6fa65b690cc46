import Foundation

/// An event as the log holds it: the envelope of ARCHITECTURE.md section 2.
public struct RecordedEvent: Hashable, Sendable {
    /// Unique forever: the id the event was appended with.
    public var id: UUID
    /// The stream the event belongs to.
    public var stream: StreamName
    /// 1-based version within the stream.
    public var version: Int64
    /// 1-based global position: gap-free and in commit order.
    public var position: Int64
    /// The stable wire name, e.g. `ChannelCreated`.
    public var type: String
    /// The schema version of `payload`.
    public var schemaVersion: Int
    /// When the command that caused the event was decided.
    public var recordedAt: Timestamp
    /// Canonical JSON bytes, exactly as appended.
    public var payload: Data
    /// Actor, correlation, causation and source.
    public var metadata: EventMetadata
    /// SHA-256 over the previous hash and this envelope's canonical bytes (see Docs/event-format.md).
    public var hash: Data

    /// Creates an envelope from every field, as a store reads it back.
    public init(
        id: UUID, stream: StreamName, version: Int64, position: Int64, type: String, schemaVersion: Int,
        recordedAt: Timestamp, payload: Data, metadata: EventMetadata, hash: Data
    ) {
        self.id = id
        self.stream = stream
        self.version = version
        self.position = position
        self.type = type
        self.schemaVersion = schemaVersion
        self.recordedAt = recordedAt
        self.payload = payload
        self.metadata = metadata
        self.hash = hash
    }
}
