import EventSourcing
import Testing

extension EventStoreContract {
    /// A lease: taken when free, refused to another holder while it runs, renewed by its holder,
    /// taken by another once expired, ended only by its holder; of many racing for it, one wins.
    public func leases() async throws {
        let store = try await makeStore([])
        let at = { (seconds: Int64) in Timestamp(millisecondsSince1970: 1_800_000_000_000 + seconds * 1_000) }

        #expect(try await store.lease("publisher") == nil)
        let first = try await store.acquireLease("publisher", holder: "a", now: at(0), until: at(30))
        #expect(first == Lease(name: "publisher", holder: "a", expiresAt: at(30)))
        #expect(try await store.lease("publisher") == first, "read as it stands")
        let refused = try await store.acquireLease("publisher", holder: "b", now: at(10), until: at(40))
        #expect(refused == first, "another holder's running lease stands")
        let renewed = try await store.acquireLease("publisher", holder: "a", now: at(20), until: at(50))
        #expect(renewed.expiresAt == at(50), "the holder renews it")
        #expect(
            try await store.acquireLease("other-work", holder: "b", now: at(20), until: at(50)).holder == "b",
            "leases of other names are apart")
        let taken = try await store.acquireLease("publisher", holder: "b", now: at(50), until: at(80))
        #expect(taken == Lease(name: "publisher", holder: "b", expiresAt: at(80)), "expired: another may take it")

        try await store.releaseLease("publisher", holder: "a")
        #expect(
            try await store.acquireLease("publisher", holder: "c", now: at(60), until: at(90)).holder == "b",
            "only the holder ends it")
        try await store.releaseLease("publisher", holder: "b")
        #expect(try await store.lease("publisher") == nil, "released")
        #expect(try await store.acquireLease("publisher", holder: "c", now: at(60), until: at(90)).holder == "c")

        let (start, end) = (at(0), at(30))
        let holders = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await store.acquireLease("race", holder: "racer-\(index)", now: start, until: end).holder
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(holders).count == 1, "every racer sees the one winner: \(holders)")
    }
}
