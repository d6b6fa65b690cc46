import ChannelLedger
import EventSourcing
import EventStoreSQLite
import Foundation

/// The measured runs against ChannelLedger's own SQLite store, with its inline projections.
struct StoreRuns {
    let workload: Workload
    let folder: String

    func freshPath(_ name: String) -> String {
        let path = "\(folder)/\(name)-\(UUID().uuidString.prefix(8)).sqlite"
        return path
    }

    func freshStore(_ name: String) throws -> SQLiteEventStore {
        try SQLiteEventStore.create(at: freshPath(name), projections: LedgerService.projections)
    }

    /// Events/s appending `total` events in batches, one stream per batch, round-robin, exact expected versions.
    func appendBatched(total: Int, into given: (any EventStore)? = nil) async throws -> Double {
        let store: any EventStore = try given ?? freshStore("batched")
        var versions = [Int64](repeating: 0, count: workload.streams)
        let time = Timestamp(Date())
        return Double(total)
            / (try await seconds {
                for batch in workload.batches(total: total) {
                    try await store.append(
                        Workload.batch(first: batch.first, count: batch.count, at: time),
                        to: workload.stream(ofBatch: batch.index), expected: .at(versions[batch.streamIndex]))
                    versions[batch.streamIndex] += Int64(batch.count)
                }
            })
    }

    /// Events/s of single-event durable commits by one caller.
    func appendSingles(total: Int, into given: (any EventStore)? = nil) async throws -> Double {
        let store: any EventStore = try given ?? freshStore("singles")
        let time = Timestamp(Date())
        return Double(total)
            / (try await seconds {
                for n in 0..<total {
                    try await store.append(
                        Workload.batch(first: n, count: 1, at: time), to: workload.stream(ofBatch: n),
                        expected: .any)
                }
            })
    }

    /// Events/s of single-event commits by `callers` concurrent callers, each on its own streams.
    func appendConcurrent(total: Int, callers: Int, into given: (any EventStore)? = nil) async throws -> Double {
        let store: any EventStore = try given ?? freshStore("concurrent")
        let time = Timestamp(Date())
        let perCaller = total / callers
        let workload = self.workload
        return Double(perCaller * callers)
            / (try await seconds {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for caller in 0..<callers {
                        group.addTask {
                            for n in 0..<perCaller {
                                try await store.append(
                                    Workload.batch(first: caller * perCaller + n, count: 1, at: time),
                                    to: workload.stream(ofBatch: caller + callers * n), expected: .any)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            })
    }

    /// Events/s reading the whole log in order; with `decode`, each payload through JSONDecoder.
    func readAll(_ store: any EventStore, decode: Bool) async throws -> Double {
        let decoder = JSONDecoder()
        var count = 0
        var checksum = 0
        let elapsed = try await seconds {
            for try await event in store.events(after: 0, batchSize: 1_000) {
                if decode, event.type == Workload.eventType {
                    checksum &+= try decoder.decode(Workload.Order.self, from: event.payload).amount.value
                }
                count += 1
            }
        }
        precondition(!decode || checksum != 0)
        return Double(count) / elapsed
    }

    /// Milliseconds to load one stream whole.
    func loadStream(_ store: any EventStore, _ stream: StreamName, expecting count: Int) async throws -> Double {
        var loaded = 0
        let elapsed = try await seconds { loaded = try await store.read(stream: stream).count }
        precondition(loaded == count, "loaded \(loaded) of \(count)")
        return elapsed * 1000
    }

    /// Events/s recomputing every hash of the log.
    func verify(_ store: any EventStore) async throws -> Double {
        let head = try await store.head().position
        var verified = LogHead.empty
        let elapsed = try await seconds { verified = try await HashChain.verifyLog(store, upTo: head) }
        guard verified.position == head else { throw BenchError("verify stopped at \(verified.position)") }
        return Double(head) / elapsed
    }

    /// Events/s of `projections rebuild` of every projection, started afresh: batches staged with
    /// their checkpoints, then swapped in.
    func rebuild(_ store: any EventStore) async throws -> Double {
        let head = try await store.head().position
        let elapsed = try await seconds {
            // As `projections rebuild --restart` runs them: every projection from one read of the log.
            _ = try await ProjectionRebuild(store: store).run(together: LedgerService.projections, restart: true)
        }
        return Double(head) / elapsed
    }
}
