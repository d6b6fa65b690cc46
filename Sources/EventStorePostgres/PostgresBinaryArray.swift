import Foundation
import PostgresNIO

/// A one-dimensional array parameter, bound in PostgreSQL's binary array format exactly as
/// postgres-nio's `Array` binds it, but written in one pass: the header, then every element's
/// length and bytes into space reserved once.
///
/// postgres-nio writes each element through `encodeRaw` (reserve the length, encode, patch the
/// length), a few checked `ByteBuffer` writes per element; an append binds fourteen such arrays of
/// one element per event, and that was a fifth of a batch's client time (Docs/performance.md,
/// *Event columns written in one pass*). `PostgresBinaryArrayTests` hold the two encodings equal.
struct PostgresBinaryArray<Element: PostgresBinaryArrayElement>: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { Element.arrayType }
    static var psqlFormat: PostgresFormat { .binary }

    /// The elements, in order.
    var elements: [Element]

    init(_ elements: [Element]) {
        self.elements = elements
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        // Dimensions (none for an empty array), no NULL element, the element type.
        buffer.writeMultipleIntegers(UInt32(elements.isEmpty ? 0 : 1), Int32(0), Element.elementType.rawValue)
        guard !elements.isEmpty else { return }
        // The one dimension's length and lower bound.
        buffer.writeMultipleIntegers(Int32(elements.count), Int32(1))
        var size = 0
        for element in elements { size += 4 + element.binaryCount }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { space in
            var offset = 0
            for element in elements {
                let count = element.binaryCount
                space.storeBytes(of: Int32(count).bigEndian, toByteOffset: offset, as: Int32.self)
                element.writeBinary(to: UnsafeMutableRawBufferPointer(rebasing: space[(offset + 4)...]))
                offset += 4 + count
            }
            return size
        }
    }
}

/// A value ``PostgresBinaryArray`` can hold: its PostgreSQL types and its binary form.
protocol PostgresBinaryArrayElement {
    /// The element's type.
    static var elementType: PostgresDataType { get }
    /// The type of an array of it.
    static var arrayType: PostgresDataType { get }
    /// How many bytes its binary form takes (without the length before it).
    var binaryCount: Int { get }
    /// Writes its binary form, `binaryCount` bytes, at the start of `space`.
    func writeBinary(to space: UnsafeMutableRawBufferPointer)
}

extension Int64: PostgresBinaryArrayElement {
    static var elementType: PostgresDataType { .int8 }
    static var arrayType: PostgresDataType { .int8Array }
    var binaryCount: Int { 8 }
    func writeBinary(to space: UnsafeMutableRawBufferPointer) {
        space.storeBytes(of: bigEndian, as: Int64.self)
    }
}

extension Bool: PostgresBinaryArrayElement {
    static var elementType: PostgresDataType { .bool }
    static var arrayType: PostgresDataType { .boolArray }
    var binaryCount: Int { 1 }
    func writeBinary(to space: UnsafeMutableRawBufferPointer) {
        space.storeBytes(of: self ? 1 : 0, as: UInt8.self)
    }
}

extension UUID: PostgresBinaryArrayElement {
    static var elementType: PostgresDataType { .uuid }
    static var arrayType: PostgresDataType { .uuidArray }
    var binaryCount: Int { 16 }
    func writeBinary(to space: UnsafeMutableRawBufferPointer) {
        withUnsafeBytes(of: uuid) { space.copyMemory(from: $0) }
    }
}

extension String: PostgresBinaryArrayElement {
    static var elementType: PostgresDataType { .text }
    static var arrayType: PostgresDataType { .textArray }
    var binaryCount: Int { utf8.count }
    func writeBinary(to space: UnsafeMutableRawBufferPointer) {
        var text = self
        text.withUTF8 { space.copyMemory(from: UnsafeRawBufferPointer($0)) }
    }
}

/// Bytes bound as `bytea`.
struct PostgresBytes: PostgresBinaryArrayElement {
    /// The bytes.
    var data: Data

    static var elementType: PostgresDataType { .bytea }
    static var arrayType: PostgresDataType { .byteaArray }
    var binaryCount: Int { data.count }
    func writeBinary(to space: UnsafeMutableRawBufferPointer) {
        data.withUnsafeBytes { space.copyMemory(from: $0) }
    }
}
