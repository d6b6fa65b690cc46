import Foundation
import Testing

@testable import EventSourcing

/// The codec takes a payload this process encoded from the memo only when the recorded event is
/// that one: same id, same bytes, current schema version.
@Suite struct PayloadMemoTests {
    /// A payload with a field its JSON leaves out, so a value from the memo and one decoded from
    /// the bytes can be told apart; equal when their content (what is encoded) is.
    struct Noted: EventPayload {
        static let wireName = "Noted"
        var text: String
        var origin = "decoded"

        enum CodingKeys: String, CodingKey { case text }

        static func == (lhs: Noted, rhs: Noted) -> Bool { lhs.text == rhs.text }
    }

    enum Event: Equatable { case noted(Noted) }

    static let codec: EventCodec<Event> = {
        var codec = EventCodec<Event>()
        codec.register(Noted.self, Event.noted)
        return codec
    }()

    /// A memo of this test's own, so that no other test running beside it empties it.
    let memo = PayloadMemo(capacity: 16)
    let event: NewEvent

    init() throws {
        event = try NewEvent(
            id: UUIDv7.make(), payload: Noted(text: "a", origin: "memo"), recordedAt: Timestamp(Date()),
            metadata: EventMetadata(actor: "tester", source: "test"))
        memo.remember(event.id, event.payload, Noted(text: "a", origin: "memo"))
    }

    func recorded(id: UUID? = nil, payload: Data? = nil, schemaVersion: Int? = nil) throws -> RecordedEvent {
        RecordedEvent(
            id: id ?? event.id, stream: try StreamName("noted-1"), version: 1, position: 1, type: event.type,
            schemaVersion: schemaVersion ?? event.schemaVersion, recordedAt: event.recordedAt,
            payload: payload ?? event.payload, metadata: event.metadata, hash: Data(count: 32))
    }

    /// Where the decoded payload came from.
    func origin(of event: RecordedEvent) throws -> String {
        guard case .noted(let noted) = try Self.codec.decode(event, using: EventCodecs.decoder(), memo: memo) else {
            return "none"
        }
        return noted.origin
    }

    @Test func anEventMadeFromAPayloadIsRememberedWithItsBytes() {
        #expect(EventCodecs.recentPayloads.value(event.id, for: event.payload) as? Noted == Noted(text: "a"))
    }

    @Test func givenTheSameIdAndBytesWhenDecodedThenThePayloadComesFromTheMemo() throws {
        #expect(try origin(of: recorded()) == "memo")
    }

    @Test func givenOtherBytesUnderTheSameIdWhenDecodedThenTheBytesAreDecoded() throws {
        let other = try recorded(payload: Data(#"{"text":"b"}"#.utf8))
        #expect(try origin(of: other) == "decoded")
        #expect(try Self.codec.decode(other, using: EventCodecs.decoder(), memo: memo) == .noted(Noted(text: "b")))
    }

    @Test func givenAnotherIdWithTheSameBytesWhenDecodedThenTheBytesAreDecoded() throws {
        #expect(try origin(of: recorded(id: UUIDv7.make())) == "decoded")
    }

    @Test func givenAnotherSchemaVersionWhenDecodedThenTheMemoIsNotUsed() throws {
        #expect(throws: EventCodecError.self) { try origin(of: recorded(schemaVersion: 2)) }
    }

    @Test func aFullMemoForgetsWhatItHeldAndStillAnswersForWhatItKeeps() {
        let memo = PayloadMemo(capacity: 2)
        let ids = (0..<3).map { _ in UUIDv7.make() }
        let bytes = Data("{}".utf8)
        for (index, id) in ids.enumerated() { memo.remember(id, bytes, Noted(text: "\(index)", origin: "memo")) }
        #expect(memo.value(ids[0], for: bytes) == nil && memo.value(ids[1], for: bytes) == nil)
        #expect(memo.value(ids[2], for: bytes) as? Noted == Noted(text: "2"))
    }
}
