import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// `subscribe(after:)`: catch up, then follow live.
@Suite(.postgres) struct PostgresSubscriptionTests {
    /// Collects a subscription's events in a task until cancelled.
    final class Collector: Sendable {
        let events = Locked<[RecordedEvent]>([])
        let task: Task<Void, any Error>

        init(_ subscription: EventSubscription) {
            let events = events
            task = Task {
                for try await event in subscription { events.withLock { $0.append(event) } }
            }
        }

        /// Waits until `count` events have arrived (or 10 s have passed).
        func waitFor(_ count: Int) async throws -> [RecordedEvent] {
            let deadline = ContinuousClock.now + .seconds(10)
            while events.current.count < count, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            return events.current
        }
    }

    @Test func catchesUpThenFollowsLiveAndEndsOnCancellation() async throws {
        try await PostgresTestServer.withSchema { schema in
            let writer = try await schema.store()
            try await writer.append(Fixtures.events(5), to: Fixtures.stream("a"), expected: .noStream)
            // No poll within the test: wake-ups come from NOTIFY.
            let reader = try await schema.store(options: .init(pollInterval: .seconds(30)))
            let collector = Collector(EventSubscription(reader.subscribe(after: 2, batchSize: 2)))
            #expect(try await collector.waitFor(3).map(\.position) == [3, 4, 5])

            let start = ContinuousClock.now
            try await writer.append(Fixtures.events(1), to: Fixtures.stream("b"), expected: .noStream)
            #expect(try await collector.waitFor(4).map(\.position) == [3, 4, 5, 6])
            // Well inside the 30 s poll: the wake-up came from NOTIFY (slack for a loaded machine).
            #expect(ContinuousClock.now - start < .seconds(15))
            try await writer.append(Fixtures.events(3), to: Fixtures.stream("a"), expected: .exact(5))
            let all = try await collector.waitFor(7)
            #expect(all.map(\.position) == Array(3...9))
            #expect(all == Array(try await Fixtures.log(of: reader)[2...]))

            collector.task.cancel()
            try await collector.task.value
        }
    }

    @Test func followsThroughTheLossOfItsListenConnection() async throws {
        try await PostgresTestServer.withSchema { schema in
            let writer = try await schema.store(options: .init(applicationName: "cl-writer-\(schema.name)"))
            let reader = try await schema.store(options: .init(pollInterval: .milliseconds(100)))
            let collector = Collector(reader.subscribe(after: 0))
            try await writer.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
            #expect(try await collector.waitFor(2).count == 2)

            let admin = try await schema.admin()
            #expect(try await PostgresConnectionTests.terminateSessions(of: schema, using: admin) >= 1)
            try await writer.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .exact(2))
            #expect(try await collector.waitFor(4).map(\.position) == [1, 2, 3, 4])
            try await Task.sleep(for: .milliseconds(300))  // the listener is back by now
            try await writer.append(Fixtures.events(1), to: Fixtures.stream("a"), expected: .exact(4))
            #expect(try await collector.waitFor(5).map(\.position) == [1, 2, 3, 4, 5])
            collector.task.cancel()
            try await collector.task.value
        }
    }

    @Test func anEmptyLogWaitsAndAStoppedConsumerStopsListening() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store()
            let collector = Collector(store.subscribe(after: 0))
            try await Task.sleep(for: .milliseconds(200))
            #expect(collector.events.current.isEmpty)
            collector.task.cancel()
            try await collector.task.value
            let admin = try await schema.admin()
            let listening = {
                try await admin.unsafeExecute(
                    "SELECT count(*)::text FROM pg_stat_activity WHERE application_name = '\(schema.applicationName)' AND query LIKE 'LISTEN%'"
                )
            }
            for _ in 0..<100 where try await listening() != ["0"] { try await Task.sleep(for: .milliseconds(20)) }
            #expect(try await listening() == ["0"])
        }
    }
}
