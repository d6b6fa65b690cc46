import Foundation

extension HashChain {
    /// Verifies the log from the start up to `head` (inclusive), reading batches ahead while the
    /// previous one is hashed, and hashing each batch on every core.
    ///
    /// Hashes are checked independently: the event at position p must carry
    /// `SHA-256(stored hash of p-1 ‖ its envelope)`. When every event passes, the whole chain
    /// holds from the genesis value, exactly as a sequential walk would conclude; when one fails,
    /// the lowest failing position is named, as the sequential walk would name it.
    /// - Returns: the verified head.
    public static func verifyLog(
        _ store: any EventStore, upTo head: Int64, batchSize: Int = 5_000
    ) async throws -> LogHead {
        var verified = LogHead.empty
        var next = Task { try await store.readAll(after: 0, limit: batchSize) }
        defer { next.cancel() }
        while true {
            let batch = try await next.value
            let events = batch.prefix { $0.position <= head }
            guard let last = events.last else { break }
            if events.count == batchSize, last.position < head {
                next = Task { [position = last.position] in try await store.readAll(after: position, limit: batchSize) }
            }
            try await verify(Array(events), after: verified)
            verified = LogHead(position: last.position, hash: last.hash)
            guard events.count == batchSize, last.position < head else { break }
        }
        return verified
    }

    /// Checks that `events` continue `previous` gap-free and that each carries the hash its
    /// predecessor's stored hash and its own envelope give; throws naming the lowest bad position.
    public static func verify(_ events: [RecordedEvent], after previous: LogHead) async throws(ChainBreak) {
        var expected = previous.position
        for event in events {
            expected += 1
            guard event.position == expected else {
                throw ChainBreak(position: expected, reason: .missing(found: event.position))
            }
        }
        let lanes = max(1, min(ProcessInfo.processInfo.activeProcessorCount, events.count / 256))
        let size = (events.count + lanes - 1) / max(1, lanes)
        let failures = await withTaskGroup(of: Int64?.self) { group in
            for lane in 0..<lanes {
                let range = (lane * size)..<min(events.count, (lane + 1) * size)
                guard !range.isEmpty else { continue }
                group.addTask {
                    var before = range.lowerBound == 0 ? previous.hash : events[range.lowerBound - 1].hash
                    for index in range {
                        let event = events[index]
                        if !holds(for: event, previous: before) { return event.position }
                        before = event.hash
                    }
                    return nil
                }
            }
            var lowest: Int64?
            for await failure in group {
                if let failure { lowest = min(lowest ?? failure, failure) }
            }
            return lowest
        }
        if let failures { throw ChainBreak(position: failures, reason: .hashMismatch) }
    }
}
