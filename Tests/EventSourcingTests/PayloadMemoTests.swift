import Foundation
import Testing

@testable import EventSourcing

/// The codec takes a payload this process encoded from the memo only when the recorded event is
/// that one: same id, same bytes, current schema version.
@Suite struct PayloadMemoTests {
    /// A payload with a field its JSON leaves out, so a value from the memo and one decoded from
    /// the bytes can be told apart.
    struct Noted: EventPayload {
        static let wireName = "Noted"
        var text: String
        var origin = "decoded"

        enum CodingKeys: String, CodingKey { case text }
    }

    enum Event: Equatable { case noted(Noted) }

    static let codec: EventCodec<Event> = {
        var codec = EventCodec<Event>()
        codec.register(Noted.self, Event.noted)
        return codec
    }()

    func recorded(_ event: NewEvent, id: UUID? = nil, payload: Data? = nil, schemaVersion: Int? = nil) throws
        -> RecordedEvent
    {
        RecordedEvent(
            id: id ?? event.id, stream: try StreamName("noted-1"), version: 1, position: 1, type: event.type,
            schemaVersion: schemaVersion ?? event.schemaVersion, recordedAt: event.recordedAt,
            payload: payload ?? event.payload, metadata: event.metadata, hash: Data(count: 32))
    }

    func made(_ text: String) throws -> NewEvent {
        try NewEvent(
            id: UUIDv7.make(), payload: Noted(text: text, origin: "memo"), recordedAt: Timestamp(Date()),
            metadata: EventMetadata(actor: "tester", source: "test"))
    }

    @Test func givenAnEventThisProcessMadeWhenItIsDecodedThenItsPayloadComesFromTheMemo() throws {
        let event = try made("a")
        #expect(try Self.codec.decode(recorded(event)) == .noted(Noted(text: "a", origin: "memo")))
    }

    @Test func givenOtherBytesUnderTheSameIdWhenDecodedThenTheBytesAreDecoded() throws {
        let event = try made("a")
        let other = Data(#"{"text":"b"}"#.utf8)
        #expect(try Self.codec.decode(recorded(event, payload: other)) == .noted(Noted(text: "b")))
    }

    @Test func givenAnotherIdWithTheSameBytesWhenDecodedThenTheBytesAreDecoded() throws {
        let event = try made("a")
        #expect(try Self.codec.decode(recorded(event, id: UUIDv7.make())) == .noted(Noted(text: "a")))
    }

    @Test func givenAnotherSchemaVersionWhenDecodedThenTheMemoIsNotUsed() throws {
        let event = try made("a")
        #expect(throws: EventCodecError.self) { try Self.codec.decode(recorded(event, schemaVersion: 2)) }
    }

    @Test func aFullMemoForgetsWhatItHeldAndStillAnswersForWhatItKeeps() {
        let memo = PayloadMemo(capacity: 2)
        let ids = (0..<3).map { _ in UUIDv7.make() }
        let bytes = Data("{}".utf8)
        for (index, id) in ids.enumerated() { memo.remember(id, bytes, Noted(text: "\(index)", origin: "memo")) }
        #expect(memo.payload(ids[0], bytes: bytes) == nil && memo.payload(ids[1], bytes: bytes) == nil)
        #expect(memo.payload(ids[2], bytes: bytes) as? Noted == Noted(text: "2", origin: "memo"))
    }
}
