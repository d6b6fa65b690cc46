import ChannelLedgerTesting
import Foundation
import Testing

@testable import EventSourcing

/// A value that writes its own compact encoding writes the bytes its `Encodable` conformance
/// writes, so a decoder (and the memo of summaries, which compares bytes) cannot tell the two apart.
@Suite struct CompactWritableTests {
    enum Reason: Codable, Equatable {
        case rule(name: String, flowRevision: Int64)
        case upgrade
    }

    struct Inner: Codable, Equatable, CompactWritable {
        var name: String
        var tags: [String]

        func write(to container: CompactKeyedWriter) throws {
            try container.write(name, forKey: "name")
            try container.write(tags, forKey: "tags")
        }
    }

    /// Every kind of field the writer has, each written as its synthesized conformance encodes it.
    struct Outer: Codable, Equatable, CompactWritable {
        var id: UUID
        var text: String
        var count: Int
        var version: Int64
        var flag: Bool
        var at: Timestamp
        var list: [String]
        var totals: [String: String]
        var inner: Inner
        var optionalText: String?
        var optionalId: UUID?
        var optionalInner: Inner?
        var reason: Reason?
        var lines: [Inner]

        func write(to container: CompactKeyedWriter) throws {
            try container.write(id, forKey: "id")
            try container.write(text, forKey: "text")
            try container.write(count, forKey: "count")
            try container.write(version, forKey: "version")
            try container.write(flag, forKey: "flag")
            try container.write(at, forKey: "at")
            try container.write(list, forKey: "list")
            try container.write(totals, forKey: "totals")
            try container.write(inner, forKey: "inner")
            try container.writeIfPresent(optionalText, forKey: "optionalText")
            try container.writeIfPresent(optionalId, forKey: "optionalId")
            try container.writeIfPresent(optionalInner, forKey: "optionalInner")
            try container.writeIfPresent(reason, forKey: "reason")
            try container.write(lines, forKey: "lines")
        }
    }

    static func sample(_ generator: inout SplitMix) -> Outer {
        func text() -> String {
            let pieces = ["", "a", "Café", "e\u{301}", "שלום", "\u{0}nul", "🛒", "zz", "A"]
            return (0..<Int(generator.next() % 4)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                .joined()
        }
        func uuid() -> UUID {
            withUnsafeBytes(of: (generator.next(), generator.next())) { UUID(uuid: $0.load(as: uuid_t.self)) }
        }
        func inner() -> Inner { Inner(name: text(), tags: (0..<Int(generator.next() % 3)).map { _ in text() }) }
        func some() -> Bool { generator.next() % 2 == 0 }
        return Outer(
            id: uuid(), text: text(), count: Int(Int64(bitPattern: generator.next()) >> 3),
            version: Int64(bitPattern: generator.next()), flag: some(),
            at: Timestamp(millisecondsSince1970: Int64(bitPattern: generator.next()) >> 20),
            list: (0..<Int(generator.next() % 4)).map { _ in text() },
            totals: Dictionary(
                (0..<Int(generator.next() % 5)).map { _ in (text(), text()) }, uniquingKeysWith: { a, _ in a }),
            inner: inner(), optionalText: some() ? text() : nil, optionalId: some() ? uuid() : nil,
            optionalInner: some() ? inner() : nil,
            reason: some() ? nil : (some() ? .upgrade : .rule(name: text(), flowRevision: 7)),
            lines: (0..<Int(generator.next() % 3)).map { _ in inner() })
    }

    @Test func writtenBytesAreTheEncodableOnes() throws {
        var generator = SplitMix(state: 0x5EED)
        for _ in 0..<300 {
            let value = Self.sample(&generator)
            let written = try CompactEncoder().encode(value)
            #expect(written == (try CompactEncoder().encode(ThroughEncodable(value))), "\(value)")
            #expect(try CompactDecoder().decode(Outer.self, from: written) == value)
        }
    }

    /// Writes an optional field as if it were always there.
    struct OptionalWrittenAsPresent: Encodable, CompactWritable {
        var note: Reason?

        func write(to container: CompactKeyedWriter) throws {
            try container.write(note, forKey: "note")
        }
    }

    @Test func anOptionalFieldWrittenAsPresentIsRefusedNotWrittenAsANull() {
        #expect(throws: CompactCodingError.self) { try CompactEncoder().encode(OptionalWrittenAsPresent(note: nil)) }
        #expect(throws: CompactCodingError.self) {
            try CompactEncoder().encode(OptionalWrittenAsPresent(note: .upgrade))
        }
    }
}
