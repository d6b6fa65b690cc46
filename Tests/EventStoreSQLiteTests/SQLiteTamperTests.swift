import ChannelLedgerTesting
import EventSourcing
import EventStoreSQLite
import Foundation
import GRDB
import Testing

/// The hash chain catches a change made behind the store's back.
@Suite struct SQLiteTamperTests {
    @Test func aChangedPayloadByteIsNamedByTheVerifier() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteEventStore.create(at: directory.file(), projections: [])
        for index in 0..<4 {
            try await store.append(Fixtures.events(2), to: Fixtures.stream("\(index)"), expected: .any)
        }
        #expect(try await Fixtures.verify(store).position == 8)

        let raw = try DatabaseQueue(path: store.path)
        try await raw.write { db in
            var payload = try #require(try Data.fetchOne(db, sql: "SELECT payload FROM events WHERE position = 5"))
            payload[payload.startIndex + 3] ^= 0x20
            try db.execute(sql: "UPDATE events SET payload = ? WHERE position = 5", arguments: [payload])
        }
        let error = await #expect(throws: HashChain.ChainBreak.self) { try await Fixtures.verify(store) }
        #expect(error?.position == 5)
        #expect(error?.reason == .hashMismatch)
    }
}
