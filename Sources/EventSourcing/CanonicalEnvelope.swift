import Crypto
import Foundation

/// The bytes the hash chain hashes for one event: the previous hash, then the envelope's fields
/// in the fixed layout of Docs/event-format.md.
///
/// The length is known before anything is written, so the bytes go into one buffer of exactly
/// that size (on the stack for the usual few hundred bytes) by plain copies, and are hashed with
/// a single update: building an array field by field, through `Data`'s byte iterator, cost twice
/// the SHA-256 itself on the verify path.
struct CanonicalEnvelope {
    let previous: Data
    let position: Int64
    let id: UUID
    let stream: String
    let version: Int64
    let type: String
    let schemaVersion: Int
    let recordedAt: Timestamp
    let metadata: EventMetadata
    let payload: Data

    /// The byte count of the layout: fixed-size fields, length prefixes and the variable parts.
    var byteCount: Int {
        let fixed = 8 + 16 + 8 + 4 + 8  // position, id, version, schemaVersion, recordedAt
        let prefixes = 4 * 5  // stream, type, actor, source, payload
        let ids = (metadata.correlationID == nil ? 1 : 17) + (metadata.causationID == nil ? 1 : 17)
        return previous.count + fixed + prefixes + ids + stream.utf8.count + type.utf8.count
            + metadata.actor.utf8.count + metadata.source.utf8.count + payload.count
    }

    /// SHA-256 of the previous hash and the canonical envelope.
    func digest() -> SHA256Digest {
        let count = byteCount
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { buffer in
            var writer = Writer(buffer.baseAddress!)
            writer.bytes(previous)
            writer.integer(UInt64(bitPattern: position))
            writer.uuid(id)
            writer.text(stream)
            writer.integer(UInt64(bitPattern: version))
            writer.text(type)
            writer.integer(UInt32(truncatingIfNeeded: schemaVersion))
            writer.integer(UInt64(bitPattern: recordedAt.millisecondsSince1970))
            writer.text(metadata.actor)
            writer.optionalUUID(metadata.correlationID)
            writer.optionalUUID(metadata.causationID)
            writer.text(metadata.source)
            writer.integer(UInt32(truncatingIfNeeded: payload.count))
            writer.bytes(payload)
            precondition(writer.cursor == buffer.baseAddress! + count, "canonical envelope length")
            return SHA256.hash(data: UnsafeRawBufferPointer(buffer))
        }
    }

    /// Copies fields into a buffer sized by ``byteCount``, advancing past each.
    private struct Writer {
        private(set) var cursor: UnsafeMutableRawPointer

        init(_ start: UnsafeMutableRawPointer) {
            cursor = start
        }

        mutating func integer<I: FixedWidthInteger>(_ value: I) {
            cursor.storeBytes(of: value.bigEndian, as: I.self)
            cursor += MemoryLayout<I>.size
        }

        mutating func bytes(_ data: Data) {
            data.withUnsafeBytes { copy($0) }
        }

        mutating func text(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                integer(UInt32(truncatingIfNeeded: utf8.count))
                copy(UnsafeRawBufferPointer(utf8))
            }
        }

        mutating func uuid(_ id: UUID) {
            withUnsafeBytes(of: id.uuid) { copy($0) }
        }

        mutating func optionalUUID(_ id: UUID?) {
            guard let id else { return integer(UInt8(0)) }
            integer(UInt8(1))
            uuid(id)
        }

        private mutating func copy(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            cursor.copyMemory(from: base, byteCount: bytes.count)
            cursor += bytes.count
        }
    }
}
