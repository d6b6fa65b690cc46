import Foundation

/// The payload of one kind of event, persisted under a stable wire name.
///
/// The wire name (for example `"ChannelCreated"`) and the schema version are what the
/// log stores; renaming the Swift type never changes stored data.
public protocol EventPayload: Codable, Sendable, Equatable {
    /// The stable name stored in the log.
    static var wireName: String { get }
    /// The schema version this type writes. Older versions are lifted by upcasters on read.
    static var schemaVersion: Int { get }
}

extension EventPayload {
    /// Version 1, unless the payload type declares a later one.
    public static var schemaVersion: Int { 1 }

    /// The canonical bytes of this payload: JSON with sorted keys, encoded once.
    public func encoded() throws -> Data {
        try EventCodecs.encoder().encode(self)
    }
}

/// Shared coder configuration so every process writes the same bytes.
public enum EventCodecs {
    /// A JSON encoder writing sorted keys and no escaped slashes.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A JSON decoder matching ``encoder()``.
    public static func decoder() -> JSONDecoder {
        JSONDecoder()
    }
}
