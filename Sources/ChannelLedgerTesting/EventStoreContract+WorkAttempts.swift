import EventSourcing
import Testing

extension EventStoreContract {
    /// Attempts of leased work: kept per work and subject, replaced by a newer one for the same
    /// subject, forgotten by subject, apart from other work, and never part of the log.
    public func workAttempts() async throws {
        let store = try await makeStore([])
        let at = { (seconds: Int64) in Timestamp(millisecondsSince1970: 1_800_000_000_000 + seconds * 1_000) }
        let attempt = { (subject: String, count: Int) in
            WorkAttempt(
                subject: subject, target: "channel-a", count: count, reason: "not in the org yet (\(count))",
                lastAt: at(Int64(count)), retryAt: at(Int64(60 * count)))
        }

        #expect(try await store.attempts("publisher").isEmpty)
        try await store.saveAttempts([attempt("order-2", 1), attempt("order-1", 1)], for: "publisher")
        #expect(try await store.attempts("publisher") == [attempt("order-1", 1), attempt("order-2", 1)], "by subject")
        var moved = attempt("order-1", 2)
        moved.target = "channel-b"
        try await store.saveAttempts([moved], for: "publisher")
        #expect(try await store.attempts("publisher") == [moved, attempt("order-2", 1)], "the newer replaces")
        try await store.saveAttempts([attempt("order-1", 5)], for: "other-work")
        #expect(try await store.attempts("other-work") == [attempt("order-1", 5)], "other work apart")

        try await store.clearAttempts(["order-1", "order-3"], for: "publisher")
        #expect(try await store.attempts("publisher") == [attempt("order-2", 1)], "forgotten by subject")
        #expect(try await store.attempts("other-work") == [attempt("order-1", 5)], "only for that work")
        try await store.saveAttempts([], for: "publisher")
        try await store.clearAttempts([], for: "publisher")
        #expect(try await store.head().position == 0, "nothing in the log")
    }
}
