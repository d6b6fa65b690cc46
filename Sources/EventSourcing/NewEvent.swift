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

    /// An event from a typed payload, encoded once into its canonical bytes.
    public init<P: EventPayload>(id: UUID, payload: P, recordedAt: Timestamp, metadata: EventMetadata) throws {
        self.init(
            id: id, type: P.wireName, schemaVersion: P.schemaVersion, recordedAt: recordedAt,
            payload: try payload.encoded(), metadata: metadata)
    }

    /// Whether a recorded event carries the same content: stream, type, schema version and payload bytes.
    public func isSameContent(as recorded: RecordedEvent, in stream: StreamName) -> Bool {
        recorded.stream == stream && recorded.type == type && recorded.schemaVersion == schemaVersion
            && recorded.payload == payload
    }
}

/// An event as the log holds it: the envelope of ARCHITECTURE.md section 2.
public struct RecordedEvent: Hashable, Sendable {
    public var id: UUID
    public var stream: StreamName
    /// 1-based version within the stream.
    public var version: Int64
    /// 1-based global position: gap-free and in commit order.
    public var position: Int64
    public var type: String
    public var schemaVersion: Int
    public var recordedAt: Timestamp
    public var payload: Data
    public var metadata: EventMetadata
    /// SHA-256 over the previous hash and this envelope's canonical bytes (see Docs/event-format.md).
    public var hash: Data

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

/// The version a writer expects a stream to be at: the optimistic concurrency check.
public enum ExpectedVersion: Hashable, Sendable, CustomStringConvertible {
    /// The stream must not exist yet.
    case noStream
    /// No check.
    case any
    /// The stream must be at exactly this version (1 or more).
    case exact(Int64)

    /// Whether a stream at `actual` (0 when absent) satisfies this expectation.
    public func accepts(_ actual: Int64) -> Bool {
        switch self {
        case .noStream: actual == 0
        case .any: true
        case .exact(let version): actual == version
        }
    }

    /// The expectation for a stream read at `version` (0 when absent).
    public static func at(_ version: Int64) -> ExpectedVersion {
        version == 0 ? .noStream : .exact(version)
    }

    public var description: String {
        switch self {
        case .noStream: "no stream"
        case .any: "any version"
        case .exact(let version): "version \(version)"
        }
    }
}

/// What an append recorded.
public struct AppendResult: Hashable, Sendable {
    /// The global positions of the batch, in order (the original ones for an absorbed duplicate).
    public var positions: [Int64]
    /// The stream's version after the batch.
    public var streamVersion: Int64
    /// True when every event id was already recorded with identical content and nothing new was written.
    public var wasDuplicate: Bool

    public init(positions: [Int64], streamVersion: Int64, wasDuplicate: Bool) {
        self.positions = positions
        self.streamVersion = streamVersion
        self.wasDuplicate = wasDuplicate
    }
}

/// The newest event of the log: its position and hash (the genesis hash when empty).
public struct LogHead: Hashable, Sendable {
    public var position: Int64
    public var hash: Data

    public init(position: Int64, hash: Data) {
        self.position = position
        self.hash = hash
    }

    /// The head of an empty log.
    public static let empty = LogHead(position: 0, hash: HashChain.genesis)
}
