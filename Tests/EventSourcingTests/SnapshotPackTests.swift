import EventSourcing
import Foundation
import Testing

/// A snapshot mark's rows packed into one compressed value, and the rows at a mark read from the
/// packs of the marks from its base up to it.
@Suite struct SnapshotPackTests {
    static func document(_ key: String, _ text: String?) -> SnapshotRow {
        SnapshotRow(kind: .document, name: "channel", key: key, data: text.map { Data($0.utf8) })
    }

    static func claim(_ value: String, _ owner: String?) -> SnapshotRow {
        SnapshotRow(kind: .claim, name: "channel", key: value, data: owner.map { Data($0.utf8) })
    }

    /// Given rows of both kinds, names shared between kinds, text beyond ASCII, empty and absent
    /// data, when packed and unpacked, then they come back as they were, in order.
    @Test func rowsComeBackAsTheyWere() throws {
        let rows = [
            Self.document("a", #"{"v":1}"#), Self.claim("a", "owner"), Self.document("é ü 👋", ""),
            Self.document("gone", nil), Self.claim("", nil),
            SnapshotRow(kind: .document, name: "", key: "", data: Data()),
        ]
        #expect(try SnapshotPack.unpack(try SnapshotPack.pack(rows)) == rows)
        #expect(try SnapshotPack.unpack(try SnapshotPack.pack([])) == [])
    }

    /// Given a thousand near-alike summaries, when packed, then they take a small part of their
    /// bytes (the reason for packing: a full mark of a busy ledger).
    @Test func alikeRowsPackSmall() throws {
        let summary = String(repeating: "mapping $.lineItems[].amount.value 'Draft' ", count: 30)
        let rows = (0..<1_000).map { Self.document("channel-\($0)", "\(summary) Storefront \($0)") }
        let bytes = rows.reduce(0) { $0 + ($1.data?.count ?? 0) }
        let packed = try SnapshotPack.pack(rows)
        #expect(packed.count * 20 < bytes, "packed \(packed.count) of \(bytes)")
    }

    /// Given damaged packs (cut short, flipped, extended, not a pack at all), when unpacked, then
    /// each is refused with an error, never read as other rows.
    @Test func damagedPacksAreRefused() throws {
        let packed = try SnapshotPack.pack([Self.document("a", "{}"), Self.claim("b", "owner")])
        var flipped = packed
        flipped[flipped.count - 3] ^= 0xFF
        for damaged in [
            packed.prefix(packed.count - 1), packed.prefix(3), flipped, packed + Data([0]), Data("rows".utf8),
        ] {
            #expect(throws: SnapshotPack.Damaged.self, "\(Array(damaged))") { try SnapshotPack.unpack(Data(damaged)) }
        }
    }

    /// Given a full mark and the marks of changes after it, when the rows at the last are read,
    /// then each row is its latest change, removals leave rows out, and a mark missing between,
    /// or a run that does not start at the base or end at the mark, gives no rows.
    @Test func theRowsAtAMarkAreEachRowsLatestChangeFromItsBase() throws {
        let full = try SnapshotPack.pack([Self.document("a", "1"), Self.document("b", "1"), Self.claim("n", "a")])
        let second = try SnapshotPack.pack([Self.document("a", "2"), Self.claim("n", nil), Self.claim("m", "a")])
        let third = try SnapshotPack.pack([Self.document("b", nil), Self.document("c", "3")])
        let marks = [(position: Int64(4), previous: Int64(2), rows: full), (6, 4, second), (8, 6, third)]
        let rows = try #require(try SnapshotPack.rows(at: 8, from: 4, marks: marks))
        #expect(Set(rows) == [Self.document("a", "2"), Self.claim("m", "a"), Self.document("c", "3")])
        #expect(try SnapshotPack.rows(at: 8, from: 4, marks: [marks[0], marks[2]]) == nil, "a mark missing between")
        #expect(try SnapshotPack.rows(at: 8, from: 2, marks: marks) == nil, "not from its base")
        #expect(try SnapshotPack.rows(at: 10, from: 4, marks: marks) == nil, "not up to the mark")
        #expect(try SnapshotPack.rows(at: 8, from: 0, marks: marks) == nil, "from the start, the first follows none")
        let fromStart = [(position: Int64(2), previous: Int64(0), rows: full), (4, 2, second)]
        #expect(
            try SnapshotPack.rows(at: 4, from: 0, marks: fromStart).map(Set.init) == [
                Self.document("a", "2"), Self.document("b", "1"), Self.claim("m", "a"),
            ])
    }
}
