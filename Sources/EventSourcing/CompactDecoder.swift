import Foundation

/// Decodes `Decodable` values from the compact read-model format (``CompactTag``), reading the
/// bytes in place: a keyed container finds a key by walking its entries from the last one found,
/// which for synthesized `Codable` (keys read in the order they were written) is the next one.
public struct CompactDecoder: Sendable {
    /// A decoder; it keeps no state between values.
    public init() {}

    /// The value of type `type` that `data` holds, all of it.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { raw in
            let source = CompactSource(raw)
            let value = try source.read(T.self, at: 0)
            guard try source.skip(at: 0) == raw.count else {
                throw CompactCodingError.corrupted(expected: "the end of the value", offset: try source.skip(at: 0))
            }
            return value
        }
    }
}

/// The `Decoder` handed to a value: the bytes and where the value starts.
struct CompactDecoding: Decoder {
    let source: CompactSource
    let offset: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let (start, end, _) = try source.container(.keyed, at: offset)
        return KeyedDecodingContainer(CompactKeyedDecoding<Key>(source: source, start: start, end: end))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (start, end, count) = try source.container(.unkeyed, at: offset)
        return CompactUnkeyedDecoding(source: source, position: start, end: end, count: count)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        CompactSingleValueDecoding(source: source, offset: offset)
    }
}
