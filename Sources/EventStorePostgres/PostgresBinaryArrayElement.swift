import Foundation
import PostgresNIO

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
