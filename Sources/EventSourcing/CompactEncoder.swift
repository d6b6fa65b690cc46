import Foundation

/// Encodes `Encodable` values in the compact read-model format (``CompactTag``): straight into one
/// byte buffer, with no tree of values in between and no keys sorted.
public struct CompactEncoder: Sendable {
    /// An encoder; it keeps no state between values.
    public init() {}

    /// The compact bytes of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        let sink = CompactSink()
        if let writable = value as? any CompactWritable {
            try CompactKeyedWriter.write(writable, to: sink, level: 0)
        } else {
            try sink.write(value, level: 0)
        }
        try sink.close(downTo: 0)
        if let unsupported = sink.unsupported { throw CompactCodingError.unsupported(unsupported) }
        return Data(sink.bytes)
    }
}

/// The `Encoder` handed to a value: the sink and how many containers enclose the value.
struct CompactEncoding: Encoder {
    let sink: CompactSink
    let level: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // `begin` throws only for a container over 4 GiB closed by it; the next write reports that.
        let id = (try? sink.begin(.keyed, at: level)) ?? -1
        return KeyedEncodingContainer(CompactKeyedEncoding<Key>(sink: sink, level: level, id: id))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let id = (try? sink.begin(.unkeyed, at: level)) ?? -1
        return CompactUnkeyedEncoding(sink: sink, level: level, id: id)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CompactSingleValueEncoding(sink: sink, level: level)
    }
}
