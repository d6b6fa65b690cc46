import CZlib
import Foundation

/// A snapshot mark's rows in one compressed value, as the stores keep them beside the mark.
///
/// A mark's rows are mostly alike (a thousand channels' summaries share their mappings), so
/// compressed together they take a few percent of their bytes: a full mark of 1,000 channel
/// summaries packs 1.46 MB into about 40 KB. The rows are written one after another (kind, name,
/// key, data or its absence, each length-prefixed), then deflated (zlib, fastest level) behind
/// the unpacked length.
public enum SnapshotPack {
    /// A pack that cannot be read: a store's bytes damaged or written by something else.
    public struct Damaged: Error, CustomStringConvertible {
        /// What was wrong.
        public let description: String
    }

    /// The most bytes a pack's rows may take unpacked (a pack that large would not be read back).
    static let largest = 1 << 30

    /// The rows, packed; throws ``Damaged`` for rows past ``largest`` bytes, which are then not kept.
    public static func pack(_ rows: [SnapshotRow]) throws -> Data {
        var plain = Data()
        append(UInt32(rows.count), to: &plain)
        for row in rows {
            plain.append(row.kind == .document ? 0x64 : 0x63)
            appendBytes(Data(row.name.utf8), to: &plain)
            appendBytes(Data(row.key.utf8), to: &plain)
            if let data = row.data {
                appendBytes(data, to: &plain)
            } else {
                append(UInt32.max, to: &plain)
            }
        }
        guard plain.count <= largest else {
            throw Damaged(description: "an as-of snapshot of \(plain.count) bytes is too large to keep")
        }
        var packed = Data()
        append(UInt32(plain.count), to: &packed)
        var size = compressBound(uLong(plain.count))
        var deflated = [UInt8](repeating: 0, count: Int(size))
        let status = plain.withUnsafeBytes { source in
            compress2(
                &deflated, &size, source.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(plain.count),
                Z_BEST_SPEED)
        }
        // compress2 fails only for want of memory or room, and compressBound gives it the room.
        precondition(status == Z_OK, "zlib compress2 failed: \(status)")
        packed.append(contentsOf: deflated.prefix(Int(size)))
        return packed
    }

    /// The rows of a pack.
    public static func unpack(_ packed: Data) throws -> [SnapshotRow] {
        var reader = Reader(buffer: [UInt8](packed))
        let length = Int(try reader.word())
        guard length <= largest else { throw Damaged(description: "an as-of snapshot claims \(length) bytes") }
        var plain = [UInt8](repeating: 0, count: length)
        var size = uLong(length)
        let rest = reader.buffer[reader.offset...]
        var consumed = uLong(rest.count)
        let status = rest.withUnsafeBufferPointer { source in
            uncompress2(&plain, &size, source.baseAddress, &consumed)
        }
        guard status == Z_OK, size == uLong(length), consumed == uLong(rest.count) else {
            throw Damaged(description: "an as-of snapshot's rows do not inflate (zlib \(status))")
        }
        reader = Reader(buffer: plain)
        let count = Int(try reader.word())
        var rows: [SnapshotRow] = []
        rows.reserveCapacity(min(count, plain.count / 13))  // a row takes at least 13 bytes
        for _ in 0..<count {
            let kind: SnapshotRow.Kind
            switch try reader.byte() {
            case 0x64: kind = .document
            case 0x63: kind = .claim
            case let other: throw Damaged(description: "an as-of snapshot holds a row of kind \(other)")
            }
            let name = String(decoding: try reader.text(), as: UTF8.self)
            let key = String(decoding: try reader.text(), as: UTF8.self)
            rows.append(
                SnapshotRow(kind: kind, name: name, key: key, data: try reader.optionalBytes().map { Data($0) }))
        }
        guard reader.offset == plain.count else {
            throw Damaged(description: "an as-of snapshot has bytes past its rows")
        }
        return rows
    }

    /// The rows at the last of `marks`, which run from a full mark (or the first) to it, each
    /// following the one before: for each row its latest change, removed rows left out. Nil when
    /// the marks do not run unbroken from `base` to `position` (one was deleted meanwhile).
    public static func rows(
        at position: Int64, from base: Int64, marks: [(position: Int64, previous: Int64, rows: Data)]
    ) throws -> [SnapshotRow]? {
        guard let first = marks.first, marks.last?.position == position,
            base == 0 ? first.previous == 0 : first.position == base,
            zip(marks, marks.dropFirst()).allSatisfy({ $1.previous == $0.position })
        else { return nil }
        var latest: [SnapshotRowKey: SnapshotRow] = [:]
        for mark in marks {
            for row in try unpack(mark.rows) { latest[row.identity] = row }
        }
        return latest.values.filter { $0.data != nil }
    }

    private static func append(_ word: UInt32, to data: inout Data) {
        withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func appendBytes(_ bytes: Data, to data: inout Data) {
        append(UInt32(bytes.count), to: &data)
        data.append(bytes)
    }

    /// Reads a pack's fields in order, refusing to read past its end.
    private struct Reader {
        let buffer: [UInt8]
        var offset = 0

        mutating func byte() throws -> UInt8 {
            guard offset < buffer.count else { throw Damaged(description: "an as-of snapshot ends early") }
            defer { offset += 1 }
            return buffer[offset]
        }

        mutating func word() throws -> UInt32 {
            guard offset + 4 <= buffer.count else { throw Damaged(description: "an as-of snapshot ends early") }
            defer { offset += 4 }
            return buffer[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func optionalBytes() throws -> ArraySlice<UInt8>? {
            let length = try word()
            if length == UInt32.max { return nil }
            guard offset + Int(length) <= buffer.count else {
                throw Damaged(description: "an as-of snapshot ends early")
            }
            defer { offset += Int(length) }
            return buffer[offset..<offset + Int(length)]
        }

        mutating func text() throws -> ArraySlice<UInt8> {
            guard let text = try optionalBytes() else { throw Damaged(description: "an as-of snapshot lacks a name") }
            return text
        }
    }
}
