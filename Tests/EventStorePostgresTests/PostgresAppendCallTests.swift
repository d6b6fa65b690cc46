import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// Appends in one call of the store's function: taken when the head this process saw still
/// holds, refused by the server (and taken again from what it answers) when it does not.
@Suite(.postgres) struct PostgresAppendCallTests {
    /// A type no projection of these tests reads.
    static let unread = "ContractUnread"

    static func unread(_ count: Int) -> [NewEvent] {
        Fixtures.events(count, type: unread)
    }

    @Test func aLoneWritersAppendsTakeOneCallEachAndChainAsTheLockedPathWould() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            let (s, c) = (Fixtures.stream("s"), Fixtures.stream("c"))
            let first = Self.unread(4)
            for batch in [first, Self.unread(4), Self.unread(4)] {
                try await store.append(batch, to: s, expected: .at(try await store.version(of: s)))
            }
            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 3, stale: 0))
            #expect(try await Fixtures.verify(store).position == 12)
            #expect(try await store.version(of: s) == 12)
            // The first append to the empty log wrote the projection's checkpoint; each call moved it.
            #expect(try await store.checkpoint(ContractProjection().name) == 12)

            // A recorded batch sent to another stream meets UNIQUE(event_id) in the call; the
            // locked path's lookups then name the recorded event.
            await #expect(throws: EventStoreError.duplicateEventID(first[0].id, position: 1)) {
                try await store.append(first, to: Fixtures.stream("u"), expected: .noStream)
            }
            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 3, stale: 0))
            // Sent again as first sent, its expectation no longer holds: the call is answered stale
            // and the lookups find the batch recorded.
            let again = try await store.append(first, to: s, expected: .noStream)
            #expect(again == AppendResult(positions: [1, 2, 3, 4], streamVersion: 12, wasDuplicate: true))
            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 3, stale: 1))

            // A batch a projection reads takes the locked path, which reads the projection's rows.
            try await store.append(Fixtures.events(1), to: c, expected: .noStream)
            #expect(store.callCounts.current.written == 3)
            #expect(try await ContractProjection.counter(of: c, in: store)?.count == 1)

            // The next call chains from where the locked path left the log.
            try await store.append(Self.unread(2), to: s, expected: .exact(12))
            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 4, stale: 1))
            #expect(try await Fixtures.verify(store).position == 15)
            #expect(try await store.checkpoint(ContractProjection().name) == 15)
        }
    }

    @Test func anAppendByAnotherProcessMakesTheNextCallStaleAndItsAnswerServesTheNext() async throws {
        try await PostgresTestServer.withSchema { schema in
            let (a, b) = (
                try await schema.store([ContractProjection()]), try await schema.store([ContractProjection()])
            )
            try await a.append(Self.unread(2), to: Fixtures.stream("a"), expected: .noStream)
            // b has seen no head: it reads one, then calls.
            try await b.append(Self.unread(3), to: Fixtures.stream("b"), expected: .noStream)
            try await a.append(Self.unread(1), to: Fixtures.stream("a"), expected: .exact(2))

            #expect(a.callCounts.current == PostgresAppendCall.Counts(written: 2, stale: 1))
            #expect(b.callCounts.current == PostgresAppendCall.Counts(written: 1, stale: 0))
            #expect(try await Fixtures.verify(a).position == 6)
            #expect(try await a.read(stream: Fixtures.stream("a")).map(\.position) == [1, 2, 6])
        }
    }

    @Test func aLogOfTheSameLengthWithOtherEventsIsNotTakenForTheOneSeen() async throws {
        try await PostgresTestServer.withSchema { schema in
            let (a, b) = (try await schema.store(), try await schema.store())
            try await a.append(Self.unread(2), to: Fixtures.stream("a"), expected: .noStream)
            let admin = try await schema.admin()
            for sql in ["DELETE FROM events", "DELETE FROM streams", "DELETE FROM checkpoints"] {
                _ = try await admin.unsafeExecute(sql)
            }
            try await b.append(Self.unread(2), to: Fixtures.stream("b"), expected: .noStream)
            // The head is at a's position again, under another hash.
            try await a.append(Self.unread(1), to: Fixtures.stream("c"), expected: .noStream)

            #expect(a.callCounts.current.stale == 1)
            #expect(try await Fixtures.verify(a).position == 3)

            // An emptied log: nothing to compare a hash with, and no gap before the next event.
            for sql in ["DELETE FROM events", "DELETE FROM streams", "DELETE FROM checkpoints"] {
                _ = try await admin.unsafeExecute(sql)
            }
            try await a.append(Self.unread(1), to: Fixtures.stream("d"), expected: .noStream)
            #expect(a.callCounts.current.stale == 2)
            #expect(try await Fixtures.verify(a).position == 1)
        }
    }

    @Test func aCheckpointAnotherVersionRecordedIsLeftAlone() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            try await store.append(Self.unread(2), to: Fixtures.stream("a"), expected: .noStream)
            let admin = try await schema.admin()
            // As a rebuild by version 2 of the projection leaves it.
            _ = try await admin.unsafeExecute("UPDATE checkpoints SET version = 2 WHERE name = 'contract'")
            try await store.append(Self.unread(1), to: Fixtures.stream("b"), expected: .noStream)

            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 2, stale: 1))
            let checkpoint = "SELECT version::text || '@' || position::text FROM checkpoints WHERE name = 'contract'"
            #expect(try await admin.unsafeExecute(checkpoint) == ["2@2"], "version 1 no longer keeps it")

            // A checkpoint gone (its projection waiting for a rebuild) is not written back either.
            _ = try await admin.unsafeExecute("UPDATE checkpoints SET version = 1 WHERE name = 'contract'")
            try await store.append(Self.unread(1), to: Fixtures.stream("c"), expected: .noStream)
            _ = try await admin.unsafeExecute("DELETE FROM checkpoints WHERE name = 'contract'")
            try await store.append(Self.unread(1), to: Fixtures.stream("d"), expected: .noStream)
            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 4, stale: 3))
            #expect(try await admin.unsafeExecute(checkpoint) == [])
        }
    }

    @Test func anAppendExpectingAnyVersionTakesItsStreamToBeNewThenTheVersionTheServerAnswers() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store()
            let s = Fixtures.stream("s")
            try await store.append(Self.unread(2), to: s, expected: .any)
            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 1, stale: 0))
            let result = try await store.append(Self.unread(1), to: s, expected: .any)
            #expect(result == AppendResult(positions: [3], streamVersion: 3, wasDuplicate: false))
            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 2, stale: 1))
            #expect(try await store.read(stream: s).map(\.version) == [1, 2, 3])
            #expect(try await Fixtures.verify(store).position == 3)
        }
    }

    static func request(_ events: [NewEvent], _ stream: String, _ expected: ExpectedVersion)
        -> PostgresGroupCommit.Request
    {
        PostgresGroupCommit.Request(events: events, stream: Fixtures.stream(stream), expected: expected)
    }

    @Test func aGroupOfAppendsToSeveralStreamsIsOneCall() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            try await store.append(Self.unread(2), to: Fixtures.stream("a"), expected: .noStream)
            let group = [
                Self.request(Self.unread(1), "a", .exact(2)), Self.request(Self.unread(2), "b", .noStream),
                Self.request(Self.unread(1), "a", .exact(3)), Self.request(Self.unread(1), "c", .any),
            ]
            guard case .written(let results) = try await store.appendInOneCall(group) else {
                Issue.record("the group was not written in one call")
                return
            }
            #expect(
                results == [
                    AppendResult(positions: [3], streamVersion: 3, wasDuplicate: false),
                    AppendResult(positions: [4, 5], streamVersion: 2, wasDuplicate: false),
                    AppendResult(positions: [6], streamVersion: 4, wasDuplicate: false),
                    AppendResult(positions: [7], streamVersion: 1, wasDuplicate: false),
                ])
            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 2, stale: 0))
            #expect(try await store.read(stream: Fixtures.stream("a")).map(\.position) == [1, 2, 3, 6])
            #expect(try await store.version(of: Fixtures.stream("b")) == 2)
            #expect(try await store.checkpoint(ContractProjection().name) == 7)
            #expect(try await Fixtures.verify(store).position == 7)
        }
    }

    @Test func aGroupWhoseExpectationTheServerContradictsWritesNothing() async throws {
        try await PostgresTestServer.withSchema { schema in
            let (store, other) = (try await schema.store(), try await schema.store())
            try await store.append(Self.unread(1), to: Fixtures.stream("b"), expected: .noStream)
            // Another process writes `a`: the known head is stale, and `a` is no longer new.
            try await other.append(Self.unread(2), to: Fixtures.stream("a"), expected: .noStream)
            let group = [Self.request(Self.unread(1), "b", .exact(1)), Self.request(Self.unread(1), "a", .noStream)]
            guard case .notWritten = try await store.appendInOneCall(group) else {
                Issue.record("a group with a failing expectation was written")
                return
            }
            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 1, stale: 1))
            #expect(try await store.head().position == 3)

            // With `a`'s version right, the answer of the stale call serves the group's next one.
            let (again, known) = (
                [Self.request(Self.unread(1), "b", .exact(1)), Self.request(Self.unread(1), "a", .exact(2))],
                store.knownHead.current
            )
            #expect(known?.head.position == 3)
            guard case .written = try await store.appendInOneCall(again) else {
                Issue.record("the group was not written")
                return
            }
            #expect(try await Fixtures.verify(store).position == 5)
        }
    }

    @Test func batchesWithoutKeysAtAKnownHeadAreOneCallAndAMovedHeadIsRefused() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            try await store.append(Self.unread(1), to: Fixtures.stream("a"), expected: .noStream)
            let batches = [
                StreamBatch(Self.unread(2), to: Fixtures.stream("a"), expected: .exact(1)),
                StreamBatch(Self.unread(1), to: Fixtures.stream("b"), expected: .noStream),
            ]
            let results = try await store.append(batches: batches, atHead: 1)
            #expect(results.map(\.positions) == [[2, 3], [4]])
            #expect(store.callCounts.current == PostgresAppendCall.Counts(written: 2, stale: 0))

            let late = [StreamBatch(Self.unread(1), to: Fixtures.stream("c"), expected: .noStream)]
            await #expect(throws: EventStoreError.headMoved(expected: 3, actual: 4)) {
                try await store.append(batches: late, atHead: 3)
            }
            // Sent again as after a lost answer (with lookups), a written chunk is found recorded,
            // not refused for the head it moved; sent again as new, it is refused.
            await #expect(throws: EventStoreError.headMoved(expected: 1, actual: 4)) {
                try await store.append(batches: batches, atHead: 1)
            }
            let again = try await store.append(batches: batches, atHead: 1, checkRecorded: true)
            #expect(again.map(\.positions) == [[2, 3], [4]])
            #expect(again.allSatisfy { $0.wasDuplicate })
            #expect(try await Fixtures.verify(store).position == 4)
        }
    }

    @Test func aWrongExpectationIsRefusedAsOnTheLockedPathAndWritesNothing() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store()
            let s = Fixtures.stream("s")
            try await store.append(Self.unread(2), to: s, expected: .noStream)
            for expected in [ExpectedVersion.exact(5), .noStream, .exact(1)] {
                await #expect(throws: EventStoreError.wrongExpectedVersion(stream: s, expected: expected, actual: 2)) {
                    try await store.append(Self.unread(1), to: s, expected: expected)
                }
            }
            #expect(try await store.head().position == 2)
            #expect(try await store.version(of: s) == 2)
        }
    }
}
