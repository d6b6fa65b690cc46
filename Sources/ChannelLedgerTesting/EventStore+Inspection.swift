import EventSourcing

extension EventStore {
    /// The whole log, in position order (for tests: it holds every event in memory).
    public func allEvents() async throws -> [RecordedEvent] {
        var all: [RecordedEvent] = []
        for try await event in events() { all.append(event) }
        return all
    }

    /// Walks the whole log with the chain verifier and returns the verified head.
    public func verifiedHead() async throws -> LogHead {
        var verifier = HashChain.Verifier()
        for try await event in events() { try verifier.check(event) }
        return verifier.head
    }
}
