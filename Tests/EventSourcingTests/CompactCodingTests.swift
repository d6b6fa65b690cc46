import ChannelLedgerTesting
import Foundation
import Testing

@testable import EventSourcing

/// The compact read-model format: every value `Codable` can say round-trips, keys are found in any
/// order, and bytes that are not a whole value are refused with an error, never a crash.
struct CompactCodingTests {
    enum Reason: Codable, Equatable {
        case rule(name: String, flowRevision: Int64)
        case manual(text: String)
        case upgrade
    }

    enum Kind: String, Codable { case a, b }

    struct Line: Codable, Equatable {
        var sku: String?
        var quantity: Int
        var price: Double
    }

    struct Summary: Codable, Equatable {
        var id: UUID
        var name: String
        var optional: String?
        var explicitNil: Int? = nil
        var lines: [Line]
        var reason: Reason?
        var kind: Kind
        var sealed: Data
        var at: Timestamp
        var date: Date
        var flags: Set<String>
        var counts: [String: Int]
        var byNumber: [Int: String]
        var nested: [[Int8]]
        var extremes: [Int64]
        var unsigned: UInt64
        var small: UInt8
        var ratio: Float
        var truth: Bool
    }

    static func sample(_ generator: inout SplitMix) -> Summary {
        func text() -> String {
            let pieces = ["", "a", "Café", "e\u{301}", "שלום", "\u{0}nul", "🛒", "'; DROP TABLE", "\u{FFFD}", "x y "]
            return (0..<Int(generator.next() % 4)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                .joined()
        }
        let reasons: [Reason?] = [
            nil, .rule(name: text(), flowRevision: Int64(generator.next() % 100)), .manual(text: text()), .upgrade,
        ]
        return Summary(
            id: UUID(), name: text(), optional: generator.next() % 2 == 0 ? nil : text(),
            lines: (0..<Int(generator.next() % 5)).map { _ in
                Line(
                    sku: generator.next() % 3 == 0 ? nil : text(),
                    quantity: Int(Int64(bitPattern: generator.next()) % 1_000),
                    price: Double(Int64(bitPattern: generator.next()) % 100_000) / 100)
            },
            reason: reasons[Int(generator.next() % 4)], kind: generator.next() % 2 == 0 ? .a : .b,
            sealed: Data((0..<Int(generator.next() % 40)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }),
            at: Timestamp(millisecondsSince1970: Int64(bitPattern: generator.next()) >> 20),
            date: Date(timeIntervalSinceReferenceDate: Double(generator.next() % 1_000_000_000) / 7),
            flags: Set((0..<Int(generator.next() % 4)).map { _ in text() }),
            counts: Dictionary(uniqueKeysWithValues: (0..<Int(generator.next() % 4)).map { ("k\($0)\(text())", $0) }),
            byNumber: [1: text(), -2: text()], nested: [[], [Int8.min, 0, Int8.max]],
            extremes: [Int64.min, -1, 0, 1, Int64.max, Int64(bitPattern: generator.next())],
            unsigned: generator.next() % 2 == 0 ? UInt64.max : generator.next(),
            small: UInt8(truncatingIfNeeded: generator.next()),
            ratio: Float(generator.next() % 1_000) / 8, truth: generator.next() % 2 == 0)
    }

    @Test func everyValueRoundTrips() throws {
        var generator = SplitMix(state: 0xC0FFEE)
        for _ in 0..<300 {
            let value = Self.sample(&generator)
            let bytes = try CompactEncoder().encode(value)
            #expect(try CompactDecoder().decode(Summary.self, from: bytes) == value)
        }
    }

    @Test func topLevelValuesOfEveryShapeRoundTrip() throws {
        func roundTrip<T: Codable & Equatable>(_ value: T) throws {
            #expect(try CompactDecoder().decode(T.self, from: CompactEncoder().encode(value)) == value, "\(value)")
        }
        try roundTrip("text")
        try roundTrip(Int.min)
        try roundTrip([String?]([nil, "a", nil]))
        try roundTrip(Optional<Int>.none)
        try roundTrip(Data())
        try roundTrip(UUID())
        try roundTrip(Double.infinity)
        try roundTrip([Reason.upgrade, .manual(text: "")])
        try roundTrip([String: [Line]]())
    }

    /// A value whose `init(from:)` reads its keys in another order than `encode(to:)` wrote them,
    /// and asks for keys that are not there.
    struct Reordered: Codable, Equatable {
        var first: Int
        var second: String
        var third: Bool

        enum CodingKeys: String, CodingKey { case first, second, third, absent }

        init(first: Int, second: String, third: Bool) {
            self.first = first
            self.second = second
            self.third = third
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(first, forKey: .first)
            try container.encode(second, forKey: .second)
            try container.encode(third, forKey: .third)
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            #expect(try container.decodeIfPresent(Int.self, forKey: .absent) == nil)
            third = try container.decode(Bool.self, forKey: .third)
            first = try container.decode(Int.self, forKey: .first)
            #expect(!container.contains(.absent))
            second = try container.decode(String.self, forKey: .second)
            #expect(container.allKeys.map(\.stringValue) == ["first", "second", "third"])
        }
    }

    @Test func equalValuesAreEqualBytes() throws {
        // Dictionaries built in different orders (and so iterating in different orders).
        var forward: [String: Int] = [:]
        var backward: [String: Int] = [:]
        var byNumber: [Int: String] = [:]
        var byNumberBackward: [Int: String] = [:]
        for index in 0..<200 {
            forward["key \(index)"] = index
            backward["key \(199 - index)"] = 199 - index
            byNumber[index] = "\(index)"
            byNumberBackward[199 - index] = "\(199 - index)"
        }
        #expect(try CompactEncoder().encode(forward) == CompactEncoder().encode(backward))
        #expect(try CompactEncoder().encode(["a": forward]) == CompactEncoder().encode(["a": backward]))
        #expect(try CompactEncoder().encode(byNumber) == CompactEncoder().encode(byNumberBackward))
        #expect(try CompactDecoder().decode([Int: String].self, from: CompactEncoder().encode(byNumber)) == byNumber)
    }

    /// A type whose own `encode(to:)` writes its id and bytes as text, as JSON would carry them, and
    /// decodes them with the synthesized `init(from:)`.
    struct AsText: Codable, Equatable {
        var id: UUID
        var bytes: Data

        enum CodingKeys: String, CodingKey { case id, bytes }

        init(id: UUID, bytes: Data) {
            self.id = id
            self.bytes = bytes
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id.uuidString.lowercased(), forKey: .id)
            try container.encode(bytes.base64EncodedString(), forKey: .bytes)
        }
    }

    @Test func idsAndBytesWrittenAsTextAreReadAsJSONWouldReadThem() throws {
        let value = AsText(id: UUID(), bytes: Data([0, 1, 254, 255]))
        #expect(try CompactDecoder().decode(AsText.self, from: CompactEncoder().encode(value)) == value)
        #expect(throws: CompactCodingError.self) {
            try CompactDecoder().decode(UUID.self, from: CompactEncoder().encode("not a uuid"))
        }
    }

    @Test func keysAreFoundInAnyOrder() throws {
        let value = Reordered(first: -7, second: "two", third: true)
        #expect(try CompactDecoder().decode(Reordered.self, from: CompactEncoder().encode(value)) == value)
    }

    @Test func aMissingKeyIsNamed() throws {
        struct Wider: Decodable { var name: String; var extra: Int }
        struct Narrower: Encodable { var name: String }
        #expect(throws: CompactCodingError.keyNotFound("extra")) {
            try CompactDecoder().decode(Wider.self, from: CompactEncoder().encode(Narrower(name: "n")))
        }
    }

    @Test func numbersOutOfRangeOrOfAnotherTypeAreRefused() throws {
        #expect(throws: CompactCodingError.outOfRange("Int8")) {
            try CompactDecoder().decode(Int8.self, from: CompactEncoder().encode(300))
        }
        #expect(throws: CompactCodingError.outOfRange("UInt32")) {
            try CompactDecoder().decode(UInt32.self, from: CompactEncoder().encode(-1))
        }
        #expect(throws: CompactCodingError.self) {
            try CompactDecoder().decode(Int.self, from: CompactEncoder().encode("1"))
        }
        #expect(throws: CompactCodingError.self) {
            try CompactDecoder().decode(String.self, from: CompactEncoder().encode(1))
        }
    }

    @Test func bytesThatAreNotAWholeValueAreRefusedNotRead() throws {
        var generator = SplitMix(state: 0xBAD)
        let bytes = try CompactEncoder().encode(Self.sample(&generator))
        for cut in 0..<bytes.count {
            #expect(throws: (any Error).self, "cut at \(cut)") {
                try CompactDecoder().decode(Summary.self, from: bytes.prefix(cut))
            }
        }
        #expect(throws: (any Error).self) { try CompactDecoder().decode(Summary.self, from: bytes + [0]) }
        // Flipped bytes: an error or some value, never a read past the end (the sanitizer-free check
        // is that this loop finishes).
        for _ in 0..<2_000 {
            var damaged = bytes
            damaged[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
            _ = try? CompactDecoder().decode(Summary.self, from: damaged)
        }
    }

    /// A class that encodes its superclass's part through `superEncoder`.
    final class Sub: Encodable {
        enum Keys: String, CodingKey { case a }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .a)
            _ = container.superEncoder()
        }
    }

    /// A value that asks its encoder for two containers.
    struct Twice: Encodable {
        func encode(to encoder: any Encoder) throws {
            var first = encoder.unkeyedContainer()
            try first.encode(1)
            var second = encoder.unkeyedContainer()
            try second.encode(2)
        }
    }

    @Test func whatTheFormatCannotCarryIsRefusedNotWrittenWrong() throws {
        #expect(throws: CompactCodingError.unsupported("superEncoder")) { try CompactEncoder().encode(Sub()) }
        #expect(throws: CompactCodingError.self) { try CompactEncoder().encode(Twice()) }
        #expect(throws: CompactCodingError.self) { try CompactEncoder().encode(["a": [Twice()]]) }
    }

    struct Pair: Codable, Equatable {
        var a: Int
        var b: String?
    }

    @Test func aDamagedEntryIsAnErrorNotAnAbsentKey() throws {
        var bytes = [UInt8](try CompactEncoder().encode(Pair(a: 1, b: "x")))
        #expect(try CompactDecoder().decode(Pair.self, from: Data(bytes)) == Pair(a: 1, b: "x"))
        // Header (5 bytes), then "a": 1 (4 bytes), then "b"'s key length, made to run past the container.
        bytes[9] = 5
        #expect(throws: CompactCodingError.self) { try CompactDecoder().decode(Pair.self, from: Data(bytes)) }
    }

    /// A value that writes to a container after beginning a later one.
    struct Interleaved: Encodable {
        enum Keys: String, CodingKey { case a, b }
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            var first = outer.nestedUnkeyedContainer(forKey: .a)
            var second = outer.nestedUnkeyedContainer(forKey: .b)
            try second.encode(1)
            try first.encode(2)
        }
    }

    @Test func containersWrittenOutOfOrderAreRefused() throws {
        #expect(throws: CompactCodingError.interleavedContainers) { try CompactEncoder().encode(Interleaved()) }
    }

    @Test func theFormatIsTheOneDocumented() throws {
        struct Small: Encodable {
            var n: Int
            var s: [String]
        }
        let bytes = [UInt8](try CompactEncoder().encode(Small(n: -2, s: ["é"])))
        #expect(
            bytes == [
                8, 19, 0, 0, 0,  // keyed, 19 bytes of entries
                1, 0x6E, 3, 3,  // "n": signed, zigzag(-2) = 3
                1, 0x73, 9, 4, 0, 0, 0, 1, 0, 0, 0, 7, 2, 0xC3, 0xA9,  // "s": a list of 4 bytes, 1 value: "é"
            ])
    }
}
