import Foundation

/// A keyed container's entries, found by walking them from the last one found.
final class CompactKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let source: CompactSource
    let start: Int
    let end: Int
    /// The entry found last: the next lookup starts there, so `contains`, `decodeNil` and `decode`
    /// of one key, and keys read in the order they were written, cost one comparison each.
    private var cursor: Int

    init(source: CompactSource, start: Int, end: Int) {
        self.source = source
        self.start = start
        self.end = end
        cursor = start
    }

    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        var keys: [Key] = []
        var entry = start
        while entry < end, let (length, keyStart) = try? source.length(at: entry) {
            let name = String(
                decoding: UnsafeRawBufferPointer(rebasing: source.bytes[keyStart..<keyStart + length]), as: UTF8.self)
            if let key = Key(stringValue: name) { keys.append(key) }
            guard let next = try? source.skip(at: keyStart + length) else { break }
            entry = next
        }
        return keys
    }

    /// Where the value of `key` starts, or nil when the container has no such entry.
    private func find(_ key: Key) throws -> Int? {
        var name = key.stringValue
        return try name.withUTF8 { wanted in
            if let found = try scan(for: wanted, from: cursor, to: end) { return found }
            return try scan(for: wanted, from: start, to: cursor)
        }
    }

    private func scan(for wanted: UnsafeBufferPointer<UInt8>, from first: Int, to last: Int) throws -> Int? {
        var entry = first
        while entry < last {
            let (length, keyStart) = try source.length(at: entry)
            let valueAt = keyStart + length
            if length == wanted.count,
                length == 0 || memcmp(source.bytes.baseAddress! + keyStart, wanted.baseAddress!, length) == 0
            {
                cursor = entry
                return valueAt
            }
            entry = try source.skip(at: valueAt)
        }
        return nil
    }

    private func value(_ key: Key) throws -> Int {
        guard let offset = try find(key) else { throw CompactCodingError.keyNotFound(key.stringValue) }
        return offset
    }

    func contains(_ key: Key) -> Bool { (try? find(key)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try source.isNil(at: value(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try source.bool(at: value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try source.string(at: value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try source.double(at: value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try source.float(at: value(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try source.integer(type, at: value(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try source.integer(type, at: value(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try source.integer(type, at: value(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try source.integer(type, at: value(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try source.integer(type, at: value(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try source.integer(type, at: value(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try source.integer(type, at: value(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try source.integer(type, at: value(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try source.integer(type, at: value(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try source.integer(type, at: value(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try source.read(type, at: value(key)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try CompactDecoding(source: source, offset: value(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try CompactDecoding(source: source, offset: value(key)).unkeyedContainer()
    }

    /// Not carried by the format (``CompactCodingError/unsupported(_:)``).
    func superDecoder() throws -> any Decoder { throw CompactCodingError.unsupported("superDecoder") }

    /// Not carried by the format (``CompactCodingError/unsupported(_:)``).
    func superDecoder(forKey key: Key) throws -> any Decoder { throw CompactCodingError.unsupported("superDecoder") }
}

/// An unkeyed container's values, read one after the other.
struct CompactUnkeyedDecoding: UnkeyedDecodingContainer {
    let source: CompactSource
    private var position: Int
    let end: Int
    let count: Int?
    private(set) var currentIndex = 0

    init(source: CompactSource, position: Int, end: Int, count: Int) {
        self.source = source
        self.position = position
        self.end = end
        self.count = count
    }

    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { position >= end }

    /// The next value's offset, moving past it.
    private mutating func next() throws -> Int {
        guard position < end else {
            throw CompactCodingError.corrupted(expected: "another value in the list", offset: position)
        }
        let offset = position
        position = try source.skip(at: offset)
        currentIndex += 1
        return offset
    }

    mutating func decodeNil() throws -> Bool {
        guard position < end, try source.isNil(at: position) else { return false }
        _ = try next()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try source.bool(at: next()) }
    mutating func decode(_ type: String.Type) throws -> String { try source.string(at: next()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try source.double(at: next()) }
    mutating func decode(_ type: Float.Type) throws -> Float { try source.float(at: next()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try source.integer(type, at: next()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try source.integer(type, at: next()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try source.integer(type, at: next()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try source.integer(type, at: next()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try source.integer(type, at: next()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try source.integer(type, at: next()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try source.integer(type, at: next()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try source.integer(type, at: next()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try source.integer(type, at: next()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try source.integer(type, at: next()) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try source.read(type, at: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try CompactDecoding(source: source, offset: next()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try CompactDecoding(source: source, offset: next()).unkeyedContainer()
    }

    /// Not carried by the format (``CompactCodingError/unsupported(_:)``).
    mutating func superDecoder() throws -> any Decoder { throw CompactCodingError.unsupported("superDecoder") }
}

/// A single value where it stands.
struct CompactSingleValueDecoding: SingleValueDecodingContainer {
    let source: CompactSource
    let offset: Int

    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? source.isNil(at: offset)) ?? false }
    func decode(_ type: Bool.Type) throws -> Bool { try source.bool(at: offset) }
    func decode(_ type: String.Type) throws -> String { try source.string(at: offset) }
    func decode(_ type: Double.Type) throws -> Double { try source.double(at: offset) }
    func decode(_ type: Float.Type) throws -> Float { try source.float(at: offset) }
    func decode(_ type: Int.Type) throws -> Int { try source.integer(type, at: offset) }
    func decode(_ type: Int8.Type) throws -> Int8 { try source.integer(type, at: offset) }
    func decode(_ type: Int16.Type) throws -> Int16 { try source.integer(type, at: offset) }
    func decode(_ type: Int32.Type) throws -> Int32 { try source.integer(type, at: offset) }
    func decode(_ type: Int64.Type) throws -> Int64 { try source.integer(type, at: offset) }
    func decode(_ type: UInt.Type) throws -> UInt { try source.integer(type, at: offset) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try source.integer(type, at: offset) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try source.integer(type, at: offset) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try source.integer(type, at: offset) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try source.integer(type, at: offset) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try source.read(type, at: offset) }
}
