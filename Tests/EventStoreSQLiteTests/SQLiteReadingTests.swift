import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@testable import EventStoreSQLite

/// Reading rows back exactly while the decoder reuses texts and stream names from row to row.
@Suite struct SQLiteReadingTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// More distinct types than a column remembers, values of equal length that differ in one
    /// byte, an embedded NUL and non-ASCII text.
    static func events(_ count: Int) -> [NewEvent] {
        let types = (0..<(RepeatedText.capacity + 3)).map { "Type\($0 % 10)\($0 / 10)" }
        let actors = ["ana", "anb", "a\u{0}na", "Zoë", "ana"]
        return (0..<count).map { index in
            NewEvent(
                id: UUIDv7.make(), type: types[(index * 7) % types.count], schemaVersion: 1,
                recordedAt: Timestamp(Date()), payload: Data(#"{"n":\#(index)}"#.utf8),
                metadata: EventMetadata(
                    actor: actors[index % actors.count], correlationID: nil,
                    source: index % 3 == 0 ? "cli" : "webhook"))
        }
    }

    @Test func givenVaryingTextsAndStreamRunsWhenReadBackThenEveryEnvelopeIsAsAppended() async throws {
        let store = try SQLiteEventStore.create(at: directory.file(), projections: [])
        let events = Self.events(60)
        // Streams in runs of four rows, taking turns: the decoder reuses the last row's stream
        // within a run and finds it again at the next turn.
        let streams = ["a", "b", "c"].map(Fixtures.stream)
        let stream = { (index: Int) in streams[(index / 4) % streams.count] }
        for (index, event) in events.enumerated() {
            try await store.append([event], to: stream(index), expected: .any)
        }

        let log = try await store.readAll(after: 0, limit: 1_000)
        #expect(log.map(\.id) == events.map(\.id))
        #expect(log.map(\.type) == events.map(\.type))
        #expect(log.map(\.metadata) == events.map(\.metadata))
        #expect(log.map(\.stream) == events.indices.map(stream))
        for stream in streams {
            let read = try await store.read(stream: stream)
            #expect(read == log.filter { $0.stream == stream })
        }
        #expect(try await Fixtures.verify(store).position == 60)
    }
}
