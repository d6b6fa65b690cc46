import EventSourcing
import Testing

extension EventStoreContract {
    /// A stream read a page at a time: the pages, each after the last position of the one before,
    /// put together are the whole stream; a position of another stream starts after it; a
    /// limit of zero, or a stream never written, gives nothing.
    public func streamPages() async throws {
        let store = try await makeStore([])
        for round in 0..<7 {
            try await store.append(Self.events(2), to: Self.stream("a"), expected: .exact(Int64(round * 2)))
            try await store.append(Self.events(1), to: Self.stream("b"), expected: .exact(Int64(round)))
        }
        let whole = try await store.read(stream: Self.stream("a"))
        #expect(whole.count == 14)

        var pages: [[RecordedEvent]] = []
        var after: Int64 = 0
        while true {
            let page = try await store.read(stream: Self.stream("a"), after: after, limit: 3)
            pages.append(page)
            guard page.count == 3, let last = page.last?.position else { break }
            after = last
        }
        #expect(pages.flatMap { $0 } == whole, "the pages are the stream")
        #expect(pages.dropLast().allSatisfy { $0.count == 3 })

        let fromB = try #require(try await store.read(stream: Self.stream("b")).dropFirst(3).first?.position)
        #expect(
            try await store.read(stream: Self.stream("a"), after: fromB, limit: 100)
                == whole.filter { $0.position > fromB },
            "after a position of another stream")
        #expect(try await store.read(stream: Self.stream("a"), after: 0, limit: 0).isEmpty)
        #expect(try await store.read(stream: Self.stream("never"), after: 0, limit: 10).isEmpty)
        #expect(try await store.read(stream: Self.stream("a"), after: whole.last!.position, limit: 10).isEmpty)
    }
}
