import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// Group commit on PostgreSQL: concurrent appends of one store share transactions, and each still
/// gets the verdict it would get alone.
///
/// Each test holds a first append's transaction open (its hook waits before COMMIT) until every
/// other append has queued behind it, so they are written as one group, whatever the machine's load.
@Suite(.postgres) struct PostgresGroupCommitTests {
    typealias Append = (events: [NewEvent], stream: StreamName, expected: ExpectedVersion)

    /// The gate the lead append waits at: entered once it holds its transaction, then released.
    final class Gate: Sendable {
        let (entered, signal) = AsyncStream<Void>.makeStream()
        let released = Locked(false)
        let isFirst = Locked(true)

        /// Whether this is the first hook call (the lead's), which then waits for the release.
        func holdIfFirst() async throws -> Bool {
            guard
                isFirst.withLock({ first in
                    defer { first = false }
                    return first
                })
            else { return false }
            signal.yield()
            while !released.current { try await Task.sleep(for: .milliseconds(2)) }
            return true
        }
    }

    /// A store whose first append is held at the gate and whose others run `hook` after writing.
    static func store(
        in schema: TestSchema, hook: (@Sendable (ClosedRange<Int64>) async throws -> Void)? = nil
    ) async throws -> (PostgresEventStore, Gate) {
        let gate = Gate()
        var options = PostgresStoreOptions(maximumConnections: 4)
        options.hooks.beforeCommit = { positions in
            if try await !gate.holdIfFirst() { try await hook?(positions) }
        }
        return (try await schema.store([ContractProjection()], options: options), gate)
    }

    /// Appends one event to `lead:` and, while its transaction is held open, starts `appends`
    /// concurrently; once all of them wait in the queue, lets the lead commit. Their outcomes in
    /// the order given.
    static func grouped(_ appends: [Append], on store: PostgresEventStore, held gate: Gate)
        async throws -> [Result<AppendResult, any Error>]
    {
        let lead = Task { try await store.append(Fixtures.events(1), to: Fixtures.stream("lead"), expected: .noStream) }
        var signals = gate.entered.makeAsyncIterator()
        _ = await signals.next()
        let release = Task {
            let deadline = ContinuousClock.now + .seconds(30)
            while await store.groupCommit.queued < appends.count, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            gate.released.withLock { $0 = true }
        }
        let outcomes = await withTaskGroup(of: (Int, Result<AppendResult, any Error>).self) { group in
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
        try await release.value
        _ = try await lead.value
        return outcomes
    }

    /// How many transactions wrote the schema's events (rows one transaction inserted share its `xmin`).
    static func transactions(writing schema: TestSchema) async throws -> Int {
        let admin = try await schema.admin()
        let rows = try await admin.unsafeExecute("SELECT count(DISTINCT xmin::text)::text FROM \(schema.name).events")
        let count = try #require(rows.first ?? nil)
        return try #require(Int(count))
    }

    static func fresh(_ count: Int, _ name: (Int) -> String) -> [Append] {
        (0..<count).map { (events: Fixtures.events(2), stream: Fixtures.stream(name($0)), expected: .noStream) }
    }

    @Test func concurrentAppendsShareOneTransactionAndEachIsWritten() async throws {
        try await PostgresTestServer.withSchema { schema in
            let (store, held) = try await Self.store(in: schema)
            let appends = Self.fresh(32) { "s\($0)" }
            let results = try await Self.grouped(appends, on: store, held: held).map { try $0.get() }
            #expect(results.allSatisfy { $0.positions.count == 2 && $0.streamVersion == 2 && !$0.wasDuplicate })
            #expect(Set(results.flatMap(\.positions)) == Set(2...65))
            for (append, result) in zip(appends, results) {
                let recorded = try await store.read(stream: append.stream)
                #expect(recorded.map(\.id) == append.events.map(\.id))
                #expect(recorded.map(\.position) == result.positions)
            }
            #expect(try await Fixtures.verify(store).position == 65)
            #expect(try await Self.transactions(writing: schema) == 2, "the lead's, then one for the 32 others")
        }
    }

    @Test func aConflictInAGroupFailsAloneAndTheOthersAreWritten() async throws {
        try await PostgresTestServer.withSchema { schema in
            let (store, held) = try await Self.store(in: schema)
            let taken = Fixtures.stream("taken")
            try await schema.store([ContractProjection()]).append(Fixtures.events(1), to: taken, expected: .at(0))
            var appends = Self.fresh(15) { "s\($0)" }
            appends.insert((events: Fixtures.events(1), stream: taken, expected: .noStream), at: 7)
            let outcomes = try await Self.grouped(appends, on: store, held: held)
            for (index, outcome) in outcomes.enumerated() where index != 7 {
                #expect(try outcome.get().streamVersion == 2)
            }
            #expect(throws: EventStoreError.self) { try outcomes[7].get() }
            #expect(try await store.version(of: taken) == 1)
            #expect(try await Fixtures.verify(store).position == 32)
            #expect(try await Self.transactions(writing: schema) == 3, "taken's, the lead's, the group's")
        }
    }

    @Test func oneStreamWrittenTwiceInAGroupGetsConsecutiveVersions() async throws {
        try await PostgresTestServer.withSchema { schema in
            let (store, held) = try await Self.store(in: schema)
            let shared = Fixtures.stream("shared")
            let appends: [Append] = [
                (Fixtures.events(2), shared, .any), (Fixtures.events(1), Fixtures.stream("other"), .noStream),
                (Fixtures.events(3), shared, .any),
            ]
            let results = try await Self.grouped(appends, on: store, held: held).map { try $0.get() }
            #expect(Set([results[0].streamVersion, results[2].streamVersion]).contains(5))
            let recorded = try await store.read(stream: shared)
            #expect(recorded.map(\.version) == Array(1...5))
            #expect(Set(recorded.map(\.id)) == Set((appends[0].events + appends[2].events).map(\.id)))
            #expect(try await store.version(of: shared) == 5)
            #expect(try await Fixtures.verify(store).position == 7)
        }
    }

    @Test func aRepeatedAppendInAGroupGetsItsOriginalPositionsAndTheOthersAreWritten() async throws {
        try await PostgresTestServer.withSchema { schema in
            let (store, held) = try await Self.store(in: schema)
            let first = Fixtures.events(3)
            let original = try await schema.store([ContractProjection()]).append(
                first, to: Fixtures.stream("first"), expected: .noStream)
            var appends = Self.fresh(15) { "s\($0)" }
            // `.any` takes the fast path: the write meets the recorded ids, the group is rolled back
            // and each append runs alone.
            appends.insert((events: first, stream: Fixtures.stream("first"), expected: .any), at: 5)
            let outcomes = try await Self.grouped(appends, on: store, held: held)
            #expect(
                try outcomes[5].get()
                    == AppendResult(positions: original.positions, streamVersion: 3, wasDuplicate: true))
            for (index, outcome) in outcomes.enumerated() where index != 5 {
                #expect(try outcome.get().positions.count == 2)
            }
            let log = try await Fixtures.log(of: store)
            #expect(log.count == 34)
            #expect(Set(log.map(\.id)).count == 34)
            #expect(try await Fixtures.verify(store).position == 34)
        }
    }

    @Test func aFailureMidGroupRollsItBackAndEachAppendRunsAlone() async throws {
        try await PostgresTestServer.withSchema { schema in
            struct Injected: Error {}
            let failures = Locked(0)
            let (store, held) = try await Self.store(in: schema) { _ in
                // The first append of the group to write fails after writing; none later.
                if failures.withLock({ count in
                    defer { count += 1 }
                    return count == 0
                }) {
                    throw Injected()
                }
            }
            let appends = Self.fresh(10) { "s\($0)" }
            let results = try await Self.grouped(appends, on: store, held: held).map { try $0.get() }
            #expect(failures.current > 1, "the hook ran again for the appends run alone")
            #expect(Set(results.flatMap(\.positions)) == Set(2...21))
            let log = try await Fixtures.log(of: store)
            #expect(Set(log.map(\.id)).count == 21)
            #expect(try await Fixtures.verify(store).position == 21)
            #expect(try await Self.transactions(writing: schema) == 11, "the lead's, then each of the 10 alone")
        }
    }

    @Test func appendsOfOneGroupSeeEachOthersClaims() async throws {
        try await PostgresTestServer.withSchema { schema in
            let (store, held) = try await Self.store(in: schema)
            let appends: [Append] = (0..<16).map {
                ([PostgresAppendTests.named("x")], Fixtures.stream("s\($0)"), .noStream)
            }
            let outcomes = try await Self.grouped(appends, on: store, held: held)
            let winners = outcomes.indices.filter { (try? outcomes[$0].get()) != nil }
            #expect(winners.count == 1)
            for case .failure(let error) in outcomes {
                guard case .claimConflict(kind: ContractProjection.nameKind, value: "x", _)? = error as? EventStoreError
                else {
                    Issue.record("expected a claim conflict, got \(error)")
                    continue
                }
            }
            let owner = try #require(winners.first.map { appends[$0].stream.rawValue })
            #expect(try await store.claimOwner(ContractProjection.nameKind, value: "x") == owner)
            #expect(try await store.head().position == 2)
            #expect(try await Self.transactions(writing: schema) == 2)
        }
    }

    @Test func aGroupStuckInItsTransactionDoesNotHoldUpTheAppendsQueuedBehindIt() async throws {
        try await PostgresTestServer.withSchema { schema in
            // The lead holds its transaction (and the append lock) as a client on a dead connection
            // would; an append queued behind it must not wait for it without limit: it runs a
            // transaction of its own, meets the lock, and reports busy after the lock timeout.
            let gate = Gate()
            var options = PostgresStoreOptions(maximumConnections: 4, lockTimeout: .milliseconds(300))
            options.hooks.beforeCommit = { _ in _ = try await gate.holdIfFirst() }
            let store = try await schema.store([ContractProjection()], options: options)
            let lead = Task {
                try await store.append(Fixtures.events(1), to: Fixtures.stream("lead"), expected: .noStream)
            }
            var signals = gate.entered.makeAsyncIterator()
            _ = await signals.next()
            // Without a limit the append below would wait for the lead: release it after a while,
            // so such a failure shows as a success instead of a test that never ends.
            let backstop = Task {
                try await Task.sleep(for: .seconds(10))
                gate.released.withLock { $0 = true }
            }
            await #expect(throws: PostgresStoreError.busy(server: store.url.description)) {
                try await store.append(Fixtures.events(1), to: Fixtures.stream("queued"), expected: .noStream)
            }
            gate.released.withLock { $0 = true }
            backstop.cancel()
            #expect(try await lead.value.positions == [1])
            #expect(
                try await Fixtures.appendPatiently(
                    Fixtures.events(1), to: Fixtures.stream("queued"), expected: .noStream, in: store
                ).positions == [2])
        }
    }
}
