import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// Append throughput, for Docs/postgres.md; runs only when `CHANNEL_LEDGER_PG_BENCH=1`
/// (see Docs/postgres.md for the command).
@Suite(
    .postgres, .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["CHANNEL_LEDGER_PG_BENCH"] == "1", "set CHANNEL_LEDGER_PG_BENCH=1")
)
struct PostgresThroughputTests {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func report(_ label: String, events: Int, appends: Int, took: Duration) {
        let seconds = seconds(took)
        print(
            "throughput: \(label): \(events) events in \(appends) appends, \(String(format: "%.2f", seconds)) s,"
                + " \(Int(Double(events) / seconds)) events/s, \(Int(Double(appends) / seconds)) appends/s")
    }

    @Test(arguments: [false, true])
    func batchesOfAThousand(withProjection: Bool) async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store(withProjection ? [ContractProjection()] : [])
            let batches = 100, streams = 1_000
            let prepared = (0..<batches).map { _ in Fixtures.events(1_000) }
            let start = ContinuousClock.now
            for (index, batch) in prepared.enumerated() {
                // Round-robin over many streams, as in MEASUREMENTS.md: one batch per stream id range.
                try await store.append(batch, to: Fixtures.stream("s\(index % streams)"), expected: .any)
            }
            let took = ContinuousClock.now - start
            Self.report(
                "1,000-event batches\(withProjection ? " + ContractProjection" : "")", events: batches * 1_000,
                appends: batches, took: took)
            #expect(try await store.head().position == Int64(batches * 1_000))
        }
    }

    @Test(arguments: [1, 8])
    func singleEventAppends(writers: Int) async throws {
        try await PostgresTestServer.withSchema { schema in
            var stores: [PostgresEventStore] = []
            for _ in 0..<writers { stores.append(try await schema.store(options: .init(maximumConnections: 1))) }
            let perWriter = 2_000 / writers
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (writer, store) in stores.enumerated() {
                    group.addTask {
                        for index in 0..<perWriter {
                            try await store.append(
                                Fixtures.events(1), to: Fixtures.stream("w\(writer)-\(index % 50)"), expected: .any)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let took = ContinuousClock.now - start
            Self.report(
                "1-event appends, \(writers) writer\(writers == 1 ? "" : "s")", events: perWriter * writers,
                appends: perWriter * writers, took: took)
        }
    }
}
