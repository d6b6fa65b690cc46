import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// A call of the append procedure whose answer never reaches the client: the server ends the
/// session while the call runs, before its COMMIT or after it. The store cannot tell which from the
/// lost connection; its lookups must, so the append is recorded exactly once and its caller told so.
///
/// The procedure is wrapped, in the test's schema only, by one that sleeps before or after calling
/// it on the call a sequence numbers (sequences ignore rollbacks, so the sleep happens once); the
/// test ends that session while it sleeps, as a crash or a network cut would.
@Suite(.postgres) struct PostgresLostAnswerTests {
    /// Where the wrapped call sleeps to be ended: before the procedure commits, or after.
    enum Moment: String, CaseIterable, Sendable {
        case beforeCommit, afterCommit
    }

    /// A type no projection of these tests reads, so every append below is a call.
    static func unread(_ count: Int) -> [NewEvent] {
        Fixtures.events(count, type: "ContractUnread")
    }

    /// Wraps the schema's append procedure: its call number `victim` sleeps at `moment` (call 1
    /// sleeps briefly first when `slowFirst`, so appends queue behind it as a group).
    static func wrapProcedure(in schema: TestSchema, victim: Int, at moment: Moment, slowFirst: Bool = false)
        async throws
    {
        let admin = try await schema.admin()
        _ = try await admin.unsafeExecute(
            "ALTER PROCEDURE \(schema.name).channel_ledger_append RENAME TO channel_ledger_append_inner")
        let found = try await admin.unsafeExecute(
            """
            SELECT pg_get_function_arguments(oid) || '|' || array_to_string(proargnames, ', ') FROM pg_proc
            WHERE proname = 'channel_ledger_append_inner' AND pronamespace = '\(schema.name)'::regnamespace
            """)
        let parts = try #require(found.first ?? nil).split(separator: "|").map(String.init)
        let (arguments, names) = (parts[0], parts[1])
        let sleep = "IF n = \(victim) THEN PERFORM pg_sleep(60); END IF;"
        _ = try await admin.unsafeExecute("CREATE SEQUENCE \(schema.name).lost_answer_calls")
        _ = try await admin.unsafeExecute(
            """
            CREATE PROCEDURE \(schema.name).channel_ledger_append(\(arguments)) LANGUAGE plpgsql AS $$
            DECLARE n bigint := nextval('\(schema.name).lost_answer_calls');
            BEGIN
                IF n = 1 AND \(slowFirst) THEN PERFORM pg_sleep(0.5); END IF;
                \(moment == .beforeCommit ? sleep : "")
                CALL \(schema.name).channel_ledger_append_inner(\(names));
                \(moment == .afterCommit ? sleep : "")
            END $$
            """)
    }

    /// Ends the session sleeping in call `victim` once it sleeps there.
    static func endVictim(_ victim: Int, of schema: TestSchema) async throws {
        let admin = try await schema.admin()
        for _ in 0..<1_000 {
            let ended = try await admin.unsafeExecute(
                """
                SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity, \(schema.name).lost_answer_calls
                WHERE application_name = '\(schema.applicationName)' AND wait_event = 'PgSleep'
                    AND last_value >= \(victim)
                """)
            if !ended.isEmpty { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("call \(victim) never slept")
    }

    /// Given a lone append whose call's session ends before or after it commits, then the append
    /// is recorded once and its caller gets its positions; the next append chains after it.
    @Test(arguments: Moment.allCases)
    func aLoneAppendWhoseAnswerIsLostIsRecordedOnce(at moment: Moment) async throws {
        try await PostgresTestServer.withSchema { schema in
            try await Self.wrapProcedure(in: schema, victim: 2, at: moment)
            let store = try await schema.store([ContractProjection()])
            let stream = Fixtures.stream("s")
            try await store.append(Self.unread(2), to: stream, expected: .noStream)
            let batch = Self.unread(3)
            async let ending: Void = Self.endVictim(2, of: schema)
            let result = try await store.append(batch, to: stream, expected: .exact(2))
            try await ending
            #expect(result.positions == [3, 4, 5])
            #expect(result.streamVersion == 5)
            let log = try await Fixtures.log(of: store)
            #expect(log.map(\.id) == log.prefix(2).map(\.id) + batch.map(\.id), "each event once, in order")

            try await store.append(Self.unread(1), to: stream, expected: .exact(5))
            #expect(try await Fixtures.verify(store).position == 6)
            #expect(try await store.checkpoint(ContractProjection().name) == 6)
        }
    }

    /// Given appends queued as a group behind a slow call, when the group's call loses its
    /// answer, then every append of the group is recorded once and succeeds.
    @Test(arguments: Moment.allCases)
    func aGroupWhoseAnswerIsLostIsRecordedOnce(at moment: Moment) async throws {
        try await PostgresTestServer.withSchema { schema in
            try await Self.wrapProcedure(in: schema, victim: 2, at: moment, slowFirst: true)
            let store = try await schema.store([ContractProjection()])
            let batches = (0..<5).map { _ in Self.unread(2) }
            async let ending: Void = Self.endVictim(2, of: schema)
            let results = try await withThrowingTaskGroup(of: AppendResult.self) { group in
                group.addTask { try await store.append(batches[0], to: Fixtures.stream("first"), expected: .noStream) }
                try await Task.sleep(for: .milliseconds(100))  // the first call is sleeping: the rest queue
                for (index, batch) in batches.enumerated().dropFirst() {
                    group.addTask {
                        try await store.append(batch, to: Fixtures.stream("g\(index)"), expected: .noStream)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await ending
            #expect(results.count == 5)
            let log = try await Fixtures.log(of: store)
            #expect(Set(log.map(\.id)) == Set(batches.flatMap { $0.map(\.id) }))
            #expect(log.count == 10, "each event once")
            #expect(Set(results.flatMap(\.positions)) == Set(1...10))
            #expect(try await Fixtures.verify(store).position == 10)
        }
    }

    /// Given an import's chunk (batches at a head) whose call loses its answer, then the chunk is
    /// recorded once and the import goes on: its own write moved the head, which is not a race.
    @Test(arguments: Moment.allCases)
    func anImportChunkWhoseAnswerIsLostIsRecordedOnce(at moment: Moment) async throws {
        try await PostgresTestServer.withSchema { schema in
            try await Self.wrapProcedure(in: schema, victim: 2, at: moment)
            let store = try await schema.store([ContractProjection()])
            let (a, b) = (Fixtures.stream("a"), Fixtures.stream("b"))
            try await store.append(batches: [StreamBatch(Self.unread(2), to: a, expected: .noStream)], atHead: 0)
            let chunk = [
                StreamBatch(Self.unread(2), to: a, expected: .exact(2)),
                StreamBatch(Self.unread(3), to: b, expected: .noStream),
            ]
            async let ending: Void = Self.endVictim(2, of: schema)
            let results = try await store.append(batches: chunk, atHead: 2)
            try await ending
            #expect(results.map(\.positions) == [[3, 4], [5, 6, 7]])
            #expect(try await Fixtures.log(of: store).count == 7)
            try await store.append(batches: [StreamBatch(Self.unread(1), to: b, expected: .exact(3))], atHead: 7)
            #expect(try await Fixtures.verify(store).position == 8)
        }
    }
}
