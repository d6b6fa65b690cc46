import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@testable import EventStoreSQLite

/// Batches appended at a known head (what `import` writes its chunks with): refused whole when the
/// log has moved, chained on from that head when it has not.
@Suite struct SQLiteAppendAtHeadTests {
    @Test func batchesAtAHeadThatMovedAreRefusedWholeAndAtTheHeadAreChainedOn() async throws {
        let folder = try TemporaryDirectory()
        let store = try SQLiteEventStore.create(at: folder.file(), projections: [ContractProjection()])
        try await store.append(Fixtures.events(2), to: Fixtures.stream("first"), expected: .noStream)
        let batches = [
            StreamBatch(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream),
            StreamBatch(Fixtures.events(1), to: Fixtures.stream("b"), expected: .noStream),
        ]

        await #expect(throws: EventStoreError.headMoved(expected: 1, actual: 2)) {
            try await store.append(batches: batches, atHead: 1)
        }
        #expect(try await store.head().position == 2, "nothing of the refused call was written")

        let results = try await store.append(batches: batches, atHead: 2)
        #expect(results.map(\.positions) == [[3, 4], [5]])
        #expect(try await Fixtures.verify(store).position == 5)
        #expect(try await store.checkpoint(ContractProjection().name) == 5)
    }
}
