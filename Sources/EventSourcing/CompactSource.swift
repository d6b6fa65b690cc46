import Foundation

/// The bytes being decoded, valid for the length of one ``CompactDecoder/decode(_:from:)``.
final class CompactSource {
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func tag(at offset: Int) throws -> CompactTag {
        guard offset < bytes.count, let tag = CompactTag(rawValue: bytes[offset]) else {
            throw CompactCodingError.corrupted(expected: "a value", offset: offset)
        }
        return tag
    }

    /// A LEB128 varint at `offset`, and where it ends.
    func varint(at offset: Int) throws -> (value: UInt64, end: Int) {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var offset = offset
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return (value, offset) }
            shift += 7
        }
        throw CompactCodingError.corrupted(expected: "a number", offset: offset)
    }

    /// A length at `offset` (varint) and where what it measures begins, checked to fit the bytes.
    func length(at offset: Int) throws -> (length: Int, start: Int) {
        let (length, start) = try varint(at: offset)
        guard length <= UInt64(bytes.count - start) else {
            throw CompactCodingError.corrupted(expected: "\(length) bytes", offset: start)
        }
        return (Int(length), start)
    }

    /// A 4-byte little-endian length at `offset`.
    func fixed(at offset: Int) throws -> Int {
        guard offset + 4 <= bytes.count else {
            throw CompactCodingError.corrupted(expected: "a length", offset: offset)
        }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
            | Int(bytes[offset + 3]) << 24
    }

    /// Where the value at `offset` ends.
    func skip(at offset: Int) throws -> Int {
        let end: Int
        switch try tag(at: offset) {
        case .null, .false, .true: end = offset + 1
        case .signed, .unsigned: end = try varint(at: offset + 1).end
        case .double: end = offset + 9
        case .float: end = offset + 5
        case .string, .data:
            let (length, start) = try length(at: offset + 1)
            end = start + length
        case .keyed: end = offset + 5 + (try fixed(at: offset + 1))
        case .unkeyed: end = offset + 9 + (try fixed(at: offset + 1))
        case .uuid: end = offset + 17
        }
        guard end <= bytes.count else { throw CompactCodingError.corrupted(expected: "a whole value", offset: offset) }
        return end
    }

    /// The entries (keyed) or values (unkeyed) of the container at `offset`: where they begin and
    /// end, and how many values an unkeyed one holds.
    ///
    /// Checked once, here: the entries (or as many values as the list counts) end exactly where the
    /// container does, so a lookup in it never meets damaged bytes and takes them for an absent key.
    func container(_ tag: CompactTag, at offset: Int) throws -> (start: Int, end: Int, count: Int) {
        let expected = tag == .keyed ? "a keyed container" : "a list"
        guard try self.tag(at: offset) == tag else {
            throw CompactCodingError.corrupted(expected: expected, offset: offset)
        }
        let header = tag == .keyed ? 5 : 9
        let start = offset + header
        let end = start + (try fixed(at: offset + 1))
        guard end <= bytes.count else {
            throw CompactCodingError.corrupted(expected: "a whole container", offset: offset)
        }
        let count = tag == .keyed ? 0 : try fixed(at: offset + 5)
        var position = start
        var values = 0
        while position < end {
            if tag == .keyed {
                let (length, keyStart) = try length(at: position)
                position = keyStart + length
            }
            position = try skip(at: position)
            values += 1
        }
        guard position == end, tag == .keyed || values == count else {
            throw CompactCodingError.corrupted(expected: expected + " whole", offset: offset)
        }
        return (start, end, count)
    }

    // MARK: Values

    func isNil(at offset: Int) throws -> Bool { try tag(at: offset) == .null }

    func bool(at offset: Int) throws -> Bool {
        switch try tag(at: offset) {
        case .true: return true
        case .false: return false
        default: throw CompactCodingError.corrupted(expected: "a Bool", offset: offset)
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) throws -> T {
        let converted: T?
        switch try tag(at: offset) {
        case .signed:
            let raw = try varint(at: offset + 1).value
            converted = T(exactly: Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        case .unsigned:
            converted = T(exactly: try varint(at: offset + 1).value)
        default:
            throw CompactCodingError.corrupted(expected: "an integer", offset: offset)
        }
        guard let converted else { throw CompactCodingError.outOfRange("\(T.self)") }
        return converted
    }

    func double(at offset: Int) throws -> Double {
        switch try tag(at: offset) {
        case .double:
            guard offset + 9 <= bytes.count else {
                throw CompactCodingError.corrupted(expected: "a Double", offset: offset)
            }
            return Double(
                bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 1, as: UInt64.self)))
        case .float: return Double(try float(at: offset))
        case .signed: return Double(try integer(Int64.self, at: offset))
        case .unsigned: return Double(try integer(UInt64.self, at: offset))
        default: throw CompactCodingError.corrupted(expected: "a Double", offset: offset)
        }
    }

    func float(at offset: Int) throws -> Float {
        guard try tag(at: offset) == .float else { return Float(try double(at: offset)) }
        guard offset + 5 <= bytes.count else { throw CompactCodingError.corrupted(expected: "a Float", offset: offset) }
        return Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 1, as: UInt32.self)))
    }

    func string(at offset: Int) throws -> String {
        guard try tag(at: offset) == .string else {
            throw CompactCodingError.corrupted(expected: "a String", offset: offset)
        }
        let (length, start) = try length(at: offset + 1)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<start + length]), as: UTF8.self)
    }

    /// Any value at `offset`: `Data` and `UUID` as the encoder writes them (or as the strings a
    /// type's own `encode(to:)` may write instead, read as JSON would: base64, a UUID's text),
    /// others as they decode themselves.
    func read<T: Decodable>(_ type: T.Type, at offset: Int) throws -> T {
        if T.self == Data.self { return try data(at: offset) as! T }
        if T.self == UUID.self { return try uuid(at: offset) as! T }
        return try T(from: CompactDecoding(source: self, offset: offset))
    }

    private func data(at offset: Int) throws -> Data {
        switch try tag(at: offset) {
        case .data:
            let (length, start) = try length(at: offset + 1)
            return Data(UnsafeRawBufferPointer(rebasing: bytes[start..<start + length]))
        case .string:
            if let data = Data(base64Encoded: try string(at: offset)) { return data }
        default: break
        }
        throw CompactCodingError.corrupted(expected: "Data", offset: offset)
    }

    private func uuid(at offset: Int) throws -> UUID {
        switch try tag(at: offset) {
        case .uuid where offset + 17 <= bytes.count:
            return UUID(uuid: bytes.loadUnaligned(fromByteOffset: offset + 1, as: uuid_t.self))
        case .string:
            if let uuid = UUID(uuidString: try string(at: offset)) { return uuid }
        default: break
        }
        throw CompactCodingError.corrupted(expected: "a UUID", offset: offset)
    }
}
