import EventSourcing
import Foundation
import Testing

extension EventStoreContract {
    /// Every envelope field reads back exactly as appended, through `read(stream:)` and `readAll`.
    public func envelopeRoundTrip() async throws {
        let store = try await makeStore([])
        let unicode = try StreamName("contract:café-☕-日本語-🙂")
        let plain = try StreamName("connected-app")
        let correlation = UUID(), causation = UUIDv7.make()
        var bigPayload = Data(count: 100_000)
        for index in bigPayload.indices { bigPayload[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7) }
        let first: [NewEvent] = [
            NewEvent(
                id: UUIDv7.make(), type: "Binary", schemaVersion: 1,
                recordedAt: Timestamp(millisecondsSince1970: 1_764_387_887_123), payload: Data(0...255),
                metadata: EventMetadata(actor: "zoë ✓", source: "cli")),
            NewEvent(
                id: UUID(), type: "Ünïcødé-Type", schemaVersion: -3,
                recordedAt: Timestamp(millisecondsSince1970: -1), payload: Data(),
                metadata: EventMetadata(
                    actor: "", correlationID: correlation, causationID: causation, source: "webhook")),
            NewEvent(
                id: UUIDv7.make(), type: "Large", schemaVersion: Int(Int32.max) + 10,
                recordedAt: Timestamp(millisecondsSince1970: .max), payload: bigPayload,
                metadata: EventMetadata(actor: "publisher", correlationID: correlation, source: "publisher")),
        ]
        let second: [NewEvent] = [
            NewEvent(
                id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), type: "Edges", schemaVersion: 0,
                recordedAt: Timestamp(millisecondsSince1970: -62_135_596_800_000),
                payload: Data(#"{"a":"\u0000","emoji":"🙂","quote":"\""}"#.utf8),
                metadata: EventMetadata(actor: "upgrade", causationID: causation, source: "upgrade")),
            NewEvent(
                id: UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
                type: "Min", schemaVersion: Int(Int64.min), recordedAt: Timestamp(millisecondsSince1970: .min),
                payload: Data([0, 0, 0]), metadata: EventMetadata(actor: "min", source: "demo")),
        ]
        try await store.append(first, to: unicode, expected: .noStream)
        try await store.append(second, to: plain, expected: .noStream)

        var expected: [RecordedEvent] = []
        var previous = HashChain.genesis
        for (index, (event, stream)) in (first.map { ($0, unicode) } + second.map { ($0, plain) }).enumerated() {
            let version = stream == unicode ? Int64(index + 1) : Int64(index - first.count + 1)
            var record = RecordedEvent(
                id: event.id, stream: stream, version: version, position: Int64(index + 1), type: event.type,
                schemaVersion: event.schemaVersion, recordedAt: event.recordedAt, payload: event.payload,
                metadata: event.metadata, hash: Data())
            record.hash = HashChain.hash(of: record, previous: previous)
            previous = record.hash
            expected.append(record)
        }
        let all = try await store.readAll(after: 0, limit: 10)
        #expect(all.count == expected.count)
        for (got, want) in zip(all, expected) {
            #expect(got == want, "position \(want.position)")
        }
        #expect(try await store.read(stream: unicode) == Array(expected[..<first.count]))
        #expect(try await store.read(stream: plain) == Array(expected[first.count...]))
        #expect(try await store.head() == LogHead(position: 5, hash: previous))
    }

    /// Text containing U+0000 (in a stream id, type, actor, source or claimed value) is never
    /// altered: it reads back exactly, or the append is refused and nothing is written.
    public func textWithNUL() async throws {
        let store = try await makeStore([ContractProjection()])
        let streams = try ["contract:x\u{0}1", "contract:x\u{0}2", "contract:x"].map { try StreamName($0) }
        var stored: [StreamName: NewEvent] = [:]
        for (index, stream) in streams.enumerated() {
            let event = NewEvent(
                id: UUIDv7.make(), type: ContractProjection.named, schemaVersion: 1,
                recordedAt: Timestamp(millisecondsSince1970: 1),
                payload: ContractProjection.namePayload(["n\u{0}1", "n\u{0}2", "n"][index]),
                metadata: EventMetadata(actor: "a\u{0}b", source: "c\u{0}li"))
            do {
                try await store.append([event], to: stream, expected: .noStream)
                stored[stream] = event
            } catch {
                #expect(try await store.version(of: stream) == 0, "a refused append wrote to \(stream)")
            }
        }
        let oddType = NewEvent(
            id: UUIDv7.make(), type: "Odd\u{0}Type", schemaVersion: 1, recordedAt: Timestamp(millisecondsSince1970: 2),
            payload: Data([0]), metadata: EventMetadata(actor: "x", source: "cli"))
        let oddStream = Self.stream("odd")
        if (try? await store.append([oddType], to: oddStream, expected: .noStream)) != nil {
            stored[oddStream] = oddType
        }
        for (stream, event) in stored {
            let back = try await store.read(stream: stream)
            #expect(back.count == 1, "\(stream.rawValue.debugDescription)")
            #expect(back.first?.stream.rawValue == stream.rawValue)
            #expect(back.first?.type == event.type)
            #expect(back.first?.metadata == event.metadata)
            #expect(back.first?.payload == event.payload)
            let again = try await store.append([event], to: stream, expected: .noStream)
            #expect(again.wasDuplicate && again.positions == back.map(\.position))
        }
        for (index, value) in ["n\u{0}1", "n\u{0}2", "n"].enumerated() where stored[streams[index]] != nil {
            #expect(try await store.claimOwner(ContractProjection.nameKind, value: value) == streams[index].rawValue)
        }
        let log = try await Self.log(of: store)
        #expect(log.count == stored.count)
        var verifier = HashChain.Verifier()
        for event in log { try verifier.check(event) }
    }
}
