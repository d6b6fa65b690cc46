import Foundation
import PostgresNIO
import Testing

@testable import EventStorePostgres

/// ``PostgresBinaryArray`` binds exactly the bytes postgres-nio's own array encoding binds, for
/// every element type the append statements use. (No server needed: the bindings are compared.)
@Suite struct PostgresBinaryArrayTests {
    /// The bytes a value binds, and its type.
    static func bound(_ value: some PostgresThrowingDynamicTypeEncodable) -> ([UInt8], PostgresDataType) {
        var buffer = ByteBuffer()
        try! value.encode(into: &buffer, context: .default)
        return (Array(buffer.readableBytesView), value.psqlType)
    }

    @Test func integersBindAsPostgresNIOBindsThem() {
        for values: [Int64] in [[], [0], [1, -1, .max, .min, 42]] {
            #expect(Self.bound(PostgresBinaryArray(values)) == Self.bound(values))
        }
    }

    @Test func booleansAndUUIDsBindAsPostgresNIOBindsThem() {
        for values: [Bool] in [[], [true], [false, true, false]] {
            #expect(Self.bound(PostgresBinaryArray(values)) == Self.bound(values))
        }
        for values: [UUID] in [[], [UUID()], [UUID(), UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))]] {
            #expect(Self.bound(PostgresBinaryArray(values)) == Self.bound(values))
        }
    }

    @Test func textsBindAsPostgresNIOBindsThem() {
        let bridged = NSString(string: "bridged é") as String
        for values: [String] in [[], [""], ["a", "", "ÄÖÜ straße", "😀 emoji", "order:123-4567890", bridged]] {
            #expect(Self.bound(PostgresBinaryArray(values)) == Self.bound(values))
        }
    }

    @Test func bytesBindAsPostgresNIOBindsThem() {
        for values: [Data] in [[], [Data()], [Data([0, 1, 2]), Data(), Data(repeating: 0xab, count: 70_000)]] {
            #expect(
                Self.bound(PostgresBinaryArray(values.map { PostgresBytes(data: $0) }))
                    == Self.bound(values.map { ByteBuffer(bytes: $0) }))
        }
    }
}
