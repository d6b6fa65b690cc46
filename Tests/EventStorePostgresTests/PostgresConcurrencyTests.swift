import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// Several stores (separate connections, as separate processes on separate hosts would have).
@Suite(.postgres) struct PostgresConcurrencyTests {
    @Test func racingAppendsToOneStreamHaveExactlyOneWinnerPerVersion() async throws {
        try await PostgresTestServer.withSchema { schema in
            let writers = 8, rounds = 20
            var stores: [PostgresEventStore] = []
            for _ in 0..<writers {
                stores.append(try await schema.store([ContractProjection()], options: .init(maximumConnections: 1)))
            }
            let stream = Fixtures.stream("race")
            for round in 0..<rounds {
                let outcomes = await withTaskGroup(of: Result<AppendResult, any Error>.self) { group in
                    for store in stores {
                        group.addTask {
                            do {
                                return .success(
                                    try await store.append(
                                        Fixtures.events(2), to: stream, expected: .at(Int64(round * 2))))
                            } catch {
                                return .failure(error)
                            }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                let winners = outcomes.compactMap { try? $0.get() }
                #expect(winners.count == 1, "round \(round)")
                #expect(winners.first?.streamVersion == Int64(round * 2 + 2))
                for case .failure(let error) in outcomes {
                    #expect(
                        error as? EventStoreError
                            == .wrongExpectedVersion(
                                stream: stream, expected: .at(Int64(round * 2)), actual: Int64(round * 2 + 2)))
                }
            }
            let reader = stores[0]
            let log = try await Fixtures.log(of: reader)
            #expect(log.count == rounds * 2)
            #expect(log.map(\.version) == Array(1...Int64(rounds * 2)))
            #expect(try await reader.version(of: stream) == Int64(rounds * 2))
            #expect(try await ContractProjection.counter(of: stream, in: reader)?.count == rounds * 2)
            #expect(try await Fixtures.verify(reader) == reader.head())
        }
    }

    @Test func manyWritersLoseNothing() async throws {
        try await PostgresTestServer.withSchema { schema in
            let writers = 8, batches = 60
            var stores: [PostgresEventStore] = []
            for _ in 0..<writers {
                stores.append(try await schema.store([ContractProjection()], options: .init(maximumConnections: 2)))
            }
            let reader = try await schema.store([ContractProjection()])
            try await ManyWriters.run(stores, reader: reader, batches: batches) { Fixtures.events($0) }
        }
    }

    @Test func aWriterHoldingTheAppendLockMakesOthersReportBusyAfterTheLockTimeout() async throws {
        try await PostgresTestServer.withSchema { schema in
            // The slow writer says when it holds the lock (inside its transaction, before COMMIT),
            // so the machine's load cannot make the impatient writer come first.
            // It keeps the lock until the impatient writer has given up, however long that takes.
            let (inside, entered) = AsyncStream<Void>.makeStream()
            let (release, released) = AsyncStream<Void>.makeStream()
            var holding = PostgresStoreOptions(maximumConnections: 1)
            holding.hooks.beforeCommit = { _ in
                entered.yield()
                for await _ in release { break }
            }
            let slow = try await schema.store(options: holding)
            let impatient = try await schema.store(
                options: .init(maximumConnections: 1, lockTimeout: .milliseconds(100)))
            let first = Task {
                try await slow.append(Fixtures.events(1), to: Fixtures.stream("a"), expected: .noStream)
            }
            var signals = inside.makeAsyncIterator()
            _ = await signals.next()
            await #expect(throws: PostgresStoreError.busy(server: impatient.url.description)) {
                try await impatient.append(Fixtures.events(1), to: Fixtures.stream("b"), expected: .noStream)
            }
            released.yield()
            released.finish()
            #expect(try await first.value.positions == [1])
            #expect(
                try await Fixtures.appendPatiently(
                    Fixtures.events(1), to: Fixtures.stream("b"), expected: .noStream, in: impatient
                ).positions == [2])
        }
    }
}
