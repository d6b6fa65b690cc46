import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// A catch-up reader never skips an event that commits late.
///
/// Eight writers, each a store of its own (separate connections, as separate processes would
/// have), append while a hook inside every append transaction (once its rows are written, so
/// positions are taken, before the commit) sleeps a random while and rolls back one transaction
/// in six. Two readers tail the log meanwhile: a live subscription and a naive loop of
/// `readAll(after: last)`. Both must end up with exactly the final log: no gap, no duplicate.
@Suite(.postgres) struct PostgresLateCommitTests {
    struct InjectedRollback: Error {}

    @Test func readersTailingConcurrentWritersSeeExactlyTheFinalLog() async throws {
        try await PostgresTestServer.withSchema { schema in
            let writers = 8, batches = 40
            var options = PostgresStoreOptions(maximumConnections: 2, pollInterval: .milliseconds(200))
            options.hooks.beforeCommit = { _ in
                try await Task.sleep(for: .microseconds(Int.random(in: 0...3_000)))
                if Int.random(in: 0..<6) == 0 { throw InjectedRollback() }
            }
            var stores: [PostgresEventStore] = []
            for _ in 0..<writers { stores.append(try await schema.store([ContractProjection()], options: options)) }
            let reader = try await schema.store()

            let subscribed = Locked<[RecordedEvent]>([])
            let subscriber = Task {
                for try await event in reader.subscribe(after: 0, batchSize: 16) {
                    subscribed.withLock { $0.append(event) }
                }
            }
            let polled = Locked<[RecordedEvent]>([])
            let stopPolling = Locked(false)
            let poller = Task {
                var last: Int64 = 0
                while !stopPolling.current {
                    let page = try await reader.readAll(after: last, limit: 7)
                    polled.withLock { $0 += page }
                    if let end = page.last?.position { last = end } else { try await Task.sleep(for: .milliseconds(1)) }
                }
            }

            let start = ContinuousClock.now
            let (written, rollbacks) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for (writer, store) in stores.enumerated() {
                    group.addTask {
                        var versions: [Int64] = Array(repeating: 0, count: 3)
                        var written = 0, rollbacks = 0
                        for batch in 0..<batches {
                            let events = Fixtures.events(batch % 3 + 1)
                            let shared = batch % 4 == 3
                            let slot = batch % 3
                            while true {
                                do {
                                    if shared {
                                        try await store.append(events, to: Fixtures.stream("shared"), expected: .any)
                                    } else {
                                        let result = try await store.append(
                                            events, to: Fixtures.stream("w\(writer)-\(slot)"),
                                            expected: .at(versions[slot]))
                                        versions[slot] = result.streamVersion
                                    }
                                    break
                                } catch is InjectedRollback {
                                    rollbacks += 1  // retried with the same events
                                }
                            }
                            written += events.count
                        }
                        return (written, rollbacks)
                    }
                }
                return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
            }
            let elapsed = ContinuousClock.now - start

            let log = try await Fixtures.log(of: reader)
            let deadline = ContinuousClock.now + .seconds(30)
            while subscribed.current.count < log.count || polled.current.count < log.count,
                ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(20))
            }
            stopPolling.withLock { $0 = true }
            subscriber.cancel()
            try await poller.value
            try await subscriber.value  // cancellation ends the loop without an error

            #expect(log.count == written)
            #expect(log.map(\.position) == Array(1...Int64(log.count)))
            #expect(rollbacks > 0)
            #expect(subscribed.current.map(\.position) == log.map(\.position))
            #expect(subscribed.current.map(\.id) == log.map(\.id))
            #expect(polled.current.map(\.position) == log.map(\.position))
            #expect(polled.current.map(\.id) == log.map(\.id))
            #expect(subscribed.current == log)
            #expect(try await Fixtures.verify(reader) == reader.head())
            var byStream: [StreamName: [Int64]] = [:]
            for event in log { byStream[event.stream, default: []].append(event.version) }
            for (stream, versions) in byStream {
                #expect(versions == Array(1...Int64(versions.count)), "\(stream)")
                #expect(try await ContractProjection.counter(of: stream, in: reader)?.count == versions.count)
            }
            #expect(try await reader.checkpoint(ContractProjection().name) == Int64(log.count))
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(
                "late-commit: \(writers) writers, \(writers * batches) appends, \(log.count) events,"
                    + " \(rollbacks) injected rollbacks, \(String(format: "%.2f", seconds)) s"
                    + " (\(Int(Double(writers * batches + rollbacks) / seconds)) transactions/s with 0-3 ms held in each)"
            )
        }
    }
}
