import Foundation

/// A keyed container: entries of a key and a value.
struct CompactKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: CompactSink
    /// The level of the value this container is; its entries' values are one deeper.
    let level: Int
    let id: Int

    var codingPath: [any CodingKey] { [] }

    private func entry(_ key: Key) throws {
        try sink.enter(id, at: level)
        sink.text(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws {
        try entry(key)
        sink.writeNil()
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try entry(key)
        sink.write(value)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try entry(key)
        sink.write(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try entry(key)
        sink.write(value)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try entry(key)
        sink.write(value)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        try entry(key)
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
        try entry(key)
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
        try entry(key)
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        try entry(key)
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        try entry(key)
        sink.write(signed: value)
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        try entry(key)
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        try entry(key)
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        try entry(key)
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        try entry(key)
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        try entry(key)
        sink.write(unsigned: value)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try entry(key)
        try sink.write(value, level: level + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        // A failed `entry` (this container already closed) makes the nested container's writes fail.
        _ = try? entry(key)
        return CompactEncoding(sink: sink, level: level + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        _ = try? entry(key)
        return CompactEncoding(sink: sink, level: level + 1).unkeyedContainer()
    }

    /// Not carried by the format: the encoding fails (``CompactCodingError/unsupported(_:)``).
    mutating func superEncoder() -> any Encoder {
        sink.unsupported = "superEncoder"
        return CompactEncoding(sink: CompactSink(), level: 0)
    }

    /// Not carried by the format: the encoding fails (``CompactCodingError/unsupported(_:)``).
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
}

/// An unkeyed container: values one after the other, counted.
struct CompactUnkeyedEncoding: UnkeyedEncodingContainer {
    let sink: CompactSink
    let level: Int
    let id: Int
    private(set) var count = 0

    init(sink: CompactSink, level: Int, id: Int) {
        self.sink = sink
        self.level = level
        self.id = id
    }

    var codingPath: [any CodingKey] { [] }

    private mutating func element() throws {
        try sink.enter(id, at: level)
        sink.counted(at: level)
        count += 1
    }

    mutating func encodeNil() throws {
        try element()
        sink.writeNil()
    }
    mutating func encode(_ value: Bool) throws {
        try element()
        sink.write(value)
    }
    mutating func encode(_ value: String) throws {
        try element()
        sink.write(value)
    }
    mutating func encode(_ value: Double) throws {
        try element()
        sink.write(value)
    }
    mutating func encode(_ value: Float) throws {
        try element()
        sink.write(value)
    }
    mutating func encode(_ value: Int) throws {
        try element()
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int8) throws {
        try element()
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int16) throws {
        try element()
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int32) throws {
        try element()
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int64) throws {
        try element()
        sink.write(signed: value)
    }
    mutating func encode(_ value: UInt) throws {
        try element()
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt8) throws {
        try element()
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt16) throws {
        try element()
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt32) throws {
        try element()
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt64) throws {
        try element()
        sink.write(unsigned: value)
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try element()
        try sink.write(value, level: level + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        _ = try? element()
        return CompactEncoding(sink: sink, level: level + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        _ = try? element()
        return CompactEncoding(sink: sink, level: level + 1).unkeyedContainer()
    }

    /// Not carried by the format: the encoding fails (``CompactCodingError/unsupported(_:)``).
    mutating func superEncoder() -> any Encoder {
        sink.unsupported = "superEncoder"
        return CompactEncoding(sink: CompactSink(), level: 0)
    }
}

/// A single value: written where the value stands.
struct CompactSingleValueEncoding: SingleValueEncodingContainer {
    let sink: CompactSink
    let level: Int

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {
        try sink.beginValue(at: level)
        sink.writeNil()
    }
    mutating func encode(_ value: Bool) throws {
        try sink.beginValue(at: level)
        sink.write(value)
    }
    mutating func encode(_ value: String) throws {
        try sink.beginValue(at: level)
        sink.write(value)
    }
    mutating func encode(_ value: Double) throws {
        try sink.beginValue(at: level)
        sink.write(value)
    }
    mutating func encode(_ value: Float) throws {
        try sink.beginValue(at: level)
        sink.write(value)
    }
    mutating func encode(_ value: Int) throws {
        try sink.beginValue(at: level)
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int8) throws {
        try sink.beginValue(at: level)
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int16) throws {
        try sink.beginValue(at: level)
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int32) throws {
        try sink.beginValue(at: level)
        sink.write(signed: Int64(value))
    }
    mutating func encode(_ value: Int64) throws {
        try sink.beginValue(at: level)
        sink.write(signed: value)
    }
    mutating func encode(_ value: UInt) throws {
        try sink.beginValue(at: level)
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt8) throws {
        try sink.beginValue(at: level)
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt16) throws {
        try sink.beginValue(at: level)
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt32) throws {
        try sink.beginValue(at: level)
        sink.write(unsigned: UInt64(value))
    }
    mutating func encode(_ value: UInt64) throws {
        try sink.beginValue(at: level)
        sink.write(unsigned: value)
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try sink.write(value, level: level)
    }
}
