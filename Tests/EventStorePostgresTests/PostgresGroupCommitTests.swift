import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// Group commit on PostgreSQL: concurrent appends of one store share transactions, and each still
/// gets the verdict it would get alone.
@Suite(.postgres) struct PostgresGroupCommitTests {
    /// Runs `appends` concurrently on `store`; the outcomes in the order given.
    static func concurrently(
        _ appends: [(events: [NewEvent], stream: StreamName, expected: ExpectedVersion)], on store: PostgresEventStore
    ) async -> [Result<AppendResult, any Error>] {
        await withTaskGroup(of: (Int, Result<AppendResult, any Error>).self) { group in
            for (index, append) in appends.enumerated() {
                group.addTask {
                    do {
                        return (
                            index,
                            .success(
                                try await store.append(append.events, to: append.stream, expected: append.expected))
                        )
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var outcomes: [(Int, Result<AppendResult, any Error>)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// How many transactions wrote the schema's events (rows one transaction inserted share its `xmin`).
    static func transactions(writing schema: TestSchema, using admin: PostgresEventStore) async throws -> Int {
        let rows = try await admin.unsafeExecute("SELECT count(DISTINCT xmin::text)::text FROM \(schema.name).events")
        let count = try #require(rows.first ?? nil)
        return try #require(Int(count))
    }

    @Test func concurrentAppendsShareTransactionsAndEachIsWritten() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            let appends = (0..<32).map {
                (events: Fixtures.events(2), stream: Fixtures.stream("s\($0)"), expected: ExpectedVersion.noStream)
            }
            let outcomes = await Self.concurrently(appends, on: store)
            let results = try outcomes.map { try $0.get() }
            #expect(results.allSatisfy { $0.positions.count == 2 && $0.streamVersion == 2 && !$0.wasDuplicate })
            #expect(Set(results.flatMap(\.positions)) == Set(1...64))
            for (append, result) in zip(appends, results) {
                let recorded = try await store.read(stream: append.stream)
                #expect(recorded.map(\.id) == append.events.map(\.id))
                #expect(recorded.map(\.position) == result.positions)
            }
            #expect(try await Fixtures.verify(store).position == 64)
            let admin = try await schema.admin()
            let transactions = try await Self.transactions(writing: schema, using: admin)
            #expect(transactions < 32, "32 concurrent appends took \(transactions) transactions")
        }
    }

    @Test func aConflictInAGroupFailsAloneAndTheOthersAreWritten() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            let taken = Fixtures.stream("taken")
            try await store.append(Fixtures.events(1), to: taken, expected: .noStream)
            var appends = (0..<15).map {
                (events: Fixtures.events(1), stream: Fixtures.stream("s\($0)"), expected: ExpectedVersion.noStream)
            }
            appends.insert((events: Fixtures.events(1), stream: taken, expected: .noStream), at: 7)
            let outcomes = await Self.concurrently(appends, on: store)
            for (index, outcome) in outcomes.enumerated() {
                if index == 7 {
                    #expect(throws: EventStoreError.self) { try outcome.get() }
                } else {
                    #expect(try outcome.get().streamVersion == 1)
                }
            }
            #expect(try await store.version(of: taken) == 1)
            #expect(try await Fixtures.verify(store).position == 16)
        }
    }

    @Test func aRepeatedAppendInAGroupGetsItsOriginalPositionsAndTheOthersAreWritten() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            let first = Fixtures.events(3)
            let original = try await store.append(first, to: Fixtures.stream("first"), expected: .noStream)
            var appends = (0..<15).map {
                (events: Fixtures.events(1), stream: Fixtures.stream("s\($0)"), expected: ExpectedVersion.noStream)
            }
            // `.any` takes the fast path: the write meets the recorded ids and the group is rolled back.
            appends.insert((events: first, stream: Fixtures.stream("first"), expected: .any), at: 5)
            let outcomes = await Self.concurrently(appends, on: store)
            #expect(
                try outcomes[5].get()
                    == AppendResult(positions: original.positions, streamVersion: 3, wasDuplicate: true))
            for (index, outcome) in outcomes.enumerated() where index != 5 {
                #expect(try outcome.get().positions.count == 1)
            }
            let log = try await Fixtures.log(of: store)
            #expect(log.count == 18)
            #expect(Set(log.map(\.id)).count == 18)
            #expect(try await Fixtures.verify(store).position == 18)
        }
    }

    @Test func appendsOfOneGroupSeeEachOthersClaims() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            let appends = (0..<16).map {
                (
                    events: [PostgresAppendTests.named("x")], stream: Fixtures.stream("s\($0)"),
                    expected: ExpectedVersion.noStream
                )
            }
            let outcomes = await Self.concurrently(appends, on: store)
            let winners = outcomes.indices.filter { (try? outcomes[$0].get()) != nil }
            #expect(winners.count == 1)
            for outcome in outcomes {
                guard case .failure(let error) = outcome else { continue }
                guard case .claimConflict(kind: ContractProjection.nameKind, value: "x", _)? = error as? EventStoreError
                else {
                    Issue.record("expected a claim conflict, got \(error)")
                    continue
                }
            }
            let owner = try #require(winners.first.map { appends[$0].stream.rawValue })
            #expect(try await store.claimOwner(ContractProjection.nameKind, value: "x") == owner)
            #expect(try await store.head().position == 1)
        }
    }
}
