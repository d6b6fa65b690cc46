import EventSourcing
import Foundation
import Testing

@Suite struct HashChainTests {
    static let event = RecordedEvent(
        id: UUID(uuidString: "0192F3A0-0000-7000-8000-000000000001")!, stream: StreamName(category: "channel", id: "1"),
        version: 1, position: 1, type: "ChannelCreated", schemaVersion: 1,
        recordedAt: Timestamp(millisecondsSince1970: 1_764_387_887_123), payload: Data(#"{"name":"EU"}"#.utf8),
        metadata: EventMetadata(actor: "ana", source: "cli"), hash: Data())

    @Test func genesisIs32ZeroBytes() {
        #expect(HashChain.genesis == Data(repeating: 0, count: 32))
        #expect(LogHead.empty == LogHead(position: 0, hash: HashChain.genesis))
    }

    @Test func layoutIsPinned() {
        // Changing this value changes every stored hash: it pins the layout of Docs/event-format.md
        // (recomputed independently from that layout: SHA-256 over big-endian integers and
        // length-prefixed UTF-8, with a 0/1 tag before each optional id).
        let hash = HashChain.hash(of: Self.event, previous: HashChain.genesis)
        #expect(hash.count == 32)
        #expect(hash.hexString == "214b9ad42ebf6d475ff4a9faa600244f2bed30853da2b1ff8f7537e94b7766ea")
    }

    @Test func layoutIsPinnedWithBothIdsAndEmptyTexts() {
        // The other branches of the layout: both optional ids present, an empty source and an
        // empty payload (length prefixes of zero), non-ASCII text and a negative timestamp.
        // Recomputed independently (Python: struct.pack('>q', …), uuid.UUID(…).bytes, hashlib).
        let event = RecordedEvent(
            id: UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000AA")!,
            stream: StreamName(category: "order", id: "322-1234"), version: 7, position: 42, type: "OrderReceived",
            schemaVersion: 2, recordedAt: Timestamp(millisecondsSince1970: -1), payload: Data(),
            metadata: EventMetadata(
                actor: "Zoë", correlationID: UUID(uuidString: "01234567-89AB-4CDE-8F01-23456789ABCD")!,
                causationID: UUID(uuidString: "FEDCBA98-7654-4321-8FED-CBA987654321")!, source: ""),
            hash: Data())
        let hash = HashChain.hash(of: event, previous: Data(repeating: 0x11, count: 32))
        #expect(hash.hexString == "e230d8628fa007341b48a737fd2ea1757b2660410963b40c76faf3bbb2decba9")
        #expect(HashChain.holds(for: event, previous: Data(repeating: 0x11, count: 32)) == false)
        var stamped = event
        stamped.hash = hash
        #expect(HashChain.holds(for: stamped, previous: Data(repeating: 0x11, count: 32)))
        #expect(!HashChain.holds(for: stamped, previous: HashChain.genesis))
    }

    @Test func hashIsDeterministic() {
        #expect(
            HashChain.hash(of: Self.event, previous: HashChain.genesis)
                == HashChain.hash(of: Self.event, previous: HashChain.genesis))
    }

    @Test(arguments: 0..<13)
    func everyFieldIsCovered(field: Int) {
        var other = Self.event
        switch field {
        case 0: other.position = 2
        case 1: other.id = UUID()
        case 2: other.stream = StreamName(category: "channel", id: "2")
        case 3: other.version = 2
        case 4: other.type = "ChannelRenamed"
        case 5: other.schemaVersion = 2
        case 6: other.recordedAt = Timestamp(millisecondsSince1970: 1_764_387_887_124)
        case 7: other.metadata.actor = "bob"
        case 8: other.metadata.correlationID = UUID()
        case 9: other.metadata.causationID = UUID()
        case 10: other.metadata.source = "webhook"
        case 11: other.payload.append(0x20)
        default: other.hash = Data([1])  // the stored hash itself is not an input
        }
        let base = HashChain.hash(of: Self.event, previous: HashChain.genesis)
        let changed = HashChain.hash(of: other, previous: HashChain.genesis)
        #expect((base == changed) == (field == 12))
        #expect(HashChain.hash(of: Self.event, previous: Data(repeating: 1, count: 32)) != base)
    }

    @Test func fieldBoundariesAreUnambiguous() {
        var left = Self.event, right = Self.event
        left.type = "AB"
        left.metadata.actor = "C"
        right.type = "A"
        right.metadata.actor = "BC"
        #expect(
            HashChain.hash(of: left, previous: HashChain.genesis)
                != HashChain.hash(of: right, previous: HashChain.genesis))
        var nilCorrelation = Self.event, zeroCorrelation = Self.event
        nilCorrelation.metadata.correlationID = nil
        zeroCorrelation.metadata.correlationID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        #expect(
            HashChain.hash(of: nilCorrelation, previous: HashChain.genesis)
                != HashChain.hash(of: zeroCorrelation, previous: HashChain.genesis))
    }

    @Test func verifierAcceptsAChainAndNamesTheBreak() throws {
        var chain: [RecordedEvent] = []
        var previous = HashChain.genesis
        for position in Int64(1)...5 {
            var event = Self.event
            event.position = position
            event.version = position
            event.hash = HashChain.hash(of: event, previous: previous)
            previous = event.hash
            chain.append(event)
        }
        var verifier = HashChain.Verifier()
        for event in chain { try verifier.check(event) }
        #expect(verifier.head == LogHead(position: 5, hash: previous))

        var tampered = chain
        tampered[2].payload = Data(#"{"name":"US"}"#.utf8)
        var second = HashChain.Verifier()
        let mismatch = #expect(throws: HashChain.ChainBreak.self) {
            for event in tampered { try second.check(event) }
        }
        #expect(mismatch?.position == 3)
        #expect(mismatch?.reason == .hashMismatch)
        #expect(second.head.position == 2)

        var third = HashChain.Verifier()
        let missing = #expect(throws: HashChain.ChainBreak.self) {
            for event in chain where event.position != 3 { try third.check(event) }
        }
        #expect(missing?.position == 3)
        #expect(missing?.reason == .missing(found: 4))
        #expect(mismatch?.description.contains("position 3") == true)
        #expect(missing?.description.contains("position 3") == true)
    }

    @Test func hexString() {
        #expect(Data([0x00, 0x0f, 0xa0, 0xff]).hexString == "000fa0ff")
        #expect(Data().hexString == "")
    }

    /// A chained batch of `count` events after `previous`.
    static func chain(_ count: Int, after previous: LogHead = .empty) -> [RecordedEvent] {
        var before = previous.hash
        return (1...count).map { offset in
            var event = Self.event
            event.position = previous.position + Int64(offset)
            event.id = UUID()
            event.payload = Data(#"{"n":\#(offset)}"#.utf8)
            event.hash = HashChain.hash(of: event, previous: before)
            before = event.hash
            return event
        }
    }

    /// Given a batch checked on every core, then the verdict is the sequential walk's: intact, or
    /// the lowest bad position whichever lane finds it.
    @Test func theConcurrentCheckNamesTheLowestBadPosition() async throws {
        let events = Self.chain(3_000)
        try await HashChain.verify(events, after: .empty)
        let tail = Self.chain(700, after: LogHead(position: 3_000, hash: events.last!.hash))
        try await HashChain.verify(tail, after: LogHead(position: 3_000, hash: events.last!.hash))
        await #expect(throws: HashChain.ChainBreak(position: 3_001, reason: .hashMismatch)) {
            try await HashChain.verify(tail, after: LogHead(position: 3_000, hash: HashChain.genesis))
        }

        var altered = events
        altered[2_500].payload = Data(#"{"n":-1}"#.utf8)
        altered[900].metadata.actor = "mallory"
        await #expect(throws: HashChain.ChainBreak(position: 901, reason: .hashMismatch)) {
            try await HashChain.verify(altered, after: .empty)
        }
        var rehashed = events
        rehashed[1_999].hash = Data(repeating: 7, count: 32)
        await #expect(throws: HashChain.ChainBreak(position: 2_000, reason: .hashMismatch)) {
            try await HashChain.verify(rehashed, after: .empty)
        }
        var gap = events
        gap.remove(at: 1_234)
        await #expect(throws: HashChain.ChainBreak(position: 1_235, reason: .missing(found: 1_236))) {
            try await HashChain.verify(gap, after: .empty)
        }
    }
}
