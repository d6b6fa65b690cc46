import Foundation
import PostgresNIO

/// A one-dimensional array parameter, bound in PostgreSQL's binary array format exactly as
/// postgres-nio's `Array` binds it, but written in one pass: the header, then every element's
/// length and bytes into space reserved once.
///
/// postgres-nio writes each element through `encodeRaw` (reserve the length, encode, patch the
/// length), a few checked `ByteBuffer` writes per element, and an append binds fourteen such
/// arrays of one element per event (Docs/performance.md, *PostgreSQL event columns in one pass*).
/// `PostgresBinaryArrayTests` hold the two encodings equal.
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
