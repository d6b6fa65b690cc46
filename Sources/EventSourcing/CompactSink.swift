import Foundation

/// The buffer an encoding is written into, and the containers still open in it.
///
/// Containers are written one after the other: a value begun at level *n* (inside *n* containers)
/// closes every container deeper than that, patching in their lengths. A container written to after
/// it was closed is an error (``CompactCodingError/interleavedContainers``).
///
/// Its stored properties skip the run-time exclusivity checks (`@exclusivity(unchecked)`, an
/// attribute the compiler takes but the language guide does not describe): a sink belongs to one
/// encoding on one thread, and its methods never reach a property while another access to it is
/// open; the checks on every byte appended were a third of the encoding's time (decision 30).
final class CompactSink {
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    /// The open containers, outermost first: where each one's length field is, its id, and how many
    /// values it holds (written for unkeyed containers only).
    @exclusivity(unchecked) private var open: [(lengthAt: Int, id: Int, count: Int?)] = []
    @exclusivity(unchecked) private var lastID = 0
    /// How many values were begun at each level so far: a value's `encode(to:)` must begin exactly one.
    @exclusivity(unchecked) private var begun: [Int] = [0]
    /// A `Codable` feature the format does not carry, used while encoding.
    @exclusivity(unchecked) var unsupported: String?

    init() { bytes.reserveCapacity(512) }

    /// Makes the container `id`, open at `level`, the innermost one, closing those inside it.
    func enter(_ id: Int, at level: Int) throws {
        guard level < open.count, open[level].id == id else { throw CompactCodingError.interleavedContainers }
        try close(downTo: level + 1)
    }

    /// Closes the containers deeper than `level`, innermost first.
    func close(downTo level: Int) throws {
        while open.count > level {
            let container = open.removeLast()
            // What follows the header: the length field, and the count field of an unkeyed container.
            let length = bytes.count - container.lengthAt - (container.count == nil ? 4 : 8)
            guard length <= UInt32.max else { throw CompactCodingError.tooLarge }
            patch(UInt32(length), at: container.lengthAt)
            if let count = container.count { patch(UInt32(count), at: container.lengthAt + 4) }
        }
    }

    /// Makes room for a value at `level`: closes the containers at it and deeper, and counts the value.
    func beginValue(at level: Int) throws {
        try close(downTo: level)
        while begun.count <= level { begun.append(0) }
        begun[level] += 1
    }

    /// Begins a container at `level`: its tag and room for its length (and count); its id.
    func begin(_ tag: CompactTag, at level: Int) throws -> Int {
        try beginValue(at: level)
        bytes.append(tag.rawValue)
        let lengthAt = bytes.count
        let counted = tag == .unkeyed
        bytes.append(contentsOf: counted ? [0, 0, 0, 0, 0, 0, 0, 0] : [0, 0, 0, 0])
        lastID += 1
        open.append((lengthAt, lastID, counted ? 0 : nil))
        return lastID
    }

    /// Counts a value written to the unkeyed container open at `level`.
    func counted(at level: Int) { open[level].count? += 1 }

    private func patch(_ value: UInt32, at offset: Int) {
        bytes[offset] = UInt8(truncatingIfNeeded: value)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[offset + 2] = UInt8(truncatingIfNeeded: value >> 16)
        bytes[offset + 3] = UInt8(truncatingIfNeeded: value >> 24)
    }

    // MARK: Values

    func writeNil() { bytes.append(CompactTag.null.rawValue) }

    func write(_ value: Bool) { bytes.append(value ? CompactTag.true.rawValue : CompactTag.false.rawValue) }

    func write(signed value: Int64) {
        bytes.append(CompactTag.signed.rawValue)
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    func write(unsigned value: UInt64) {
        bytes.append(CompactTag.unsigned.rawValue)
        varint(value)
    }

    func write(_ value: Double) {
        bytes.append(CompactTag.double.rawValue)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func write(_ value: Float) {
        bytes.append(CompactTag.float.rawValue)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func write(_ value: String) {
        bytes.append(CompactTag.string.rawValue)
        text(value)
    }

    /// A key or a string's body: its UTF-8 length and bytes.
    func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Any value at `level`: those the format writes its own way (``CompactEncodable``) so, others
    /// as they encode themselves (a value that encodes nothing as an empty keyed container, as JSON
    /// would write `{}`).
    func write<T: Encodable>(_ value: T, level: Int) throws {
        // The commonest leaves by their type first (a comparison of two pointers, after which
        // the bit casts are to the value's own type) rather than through the cast below, which
        // looks a conformance up for every value.
        if T.self == String.self {
            try beginValue(at: level)
            write(unsafeBitCast(value, to: String.self))
        } else if T.self == Int.self {
            try beginValue(at: level)
            write(signed: Int64(unsafeBitCast(value, to: Int.self)))
        } else if T.self == Int64.self {
            try beginValue(at: level)
            write(signed: unsafeBitCast(value, to: Int64.self))
        } else if T.self == Bool.self {
            try beginValue(at: level)
            write(unsafeBitCast(value, to: Bool.self))
        } else if T.self == UUID.self {
            try write(unsafeBitCast(value, to: UUID.self), level: level)
        } else if let special = value as? any CompactEncodable {
            try special.write(to: self, level: level)
        } else {
            try writeItself(value, level: level)
        }
    }

    /// A value as it encodes itself: one value at `level` (nothing written is an empty keyed
    /// container, as JSON would write `{}`; two are refused, since a reader would take the second
    /// for what follows).
    func writeItself<T: Encodable>(_ value: T, level: Int) throws {
        while begun.count <= level { begun.append(0) }
        let before = begun[level]
        try value.encode(to: CompactEncoding(sink: self, level: level))
        switch begun[level] - before {
        case 0: _ = try begin(.keyed, at: level)
        case 1: break
        default: throw CompactCodingError.unsupported("a value that encodes more than one container or value")
        }
    }

    func write(_ data: Data, level: Int) throws {
        try beginValue(at: level)
        bytes.append(CompactTag.data.rawValue)
        varint(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    func write(_ uuid: UUID, level: Int) throws {
        try beginValue(at: level)
        bytes.append(CompactTag.uuid.rawValue)
        withUnsafeBytes(of: uuid.uuid) { bytes.append(contentsOf: $0) }
    }

    private func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}
