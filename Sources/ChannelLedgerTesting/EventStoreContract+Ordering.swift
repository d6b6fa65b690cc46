import EventSourcing
import Foundation
import Testing

extension EventStoreContract {
    /// Positions are 1, 2, 3… gap-free across streams; versions are 1-based per stream.
    public func ordering() async throws {
        let store = try await makeStore([])
        let (a, b, c) = (Self.stream("a"), Self.stream("b"), Self.stream("c"))
        #expect(try await store.head() == .empty)
        let first = try await store.append(Self.events(2), to: a, expected: .noStream)
        #expect(first == AppendResult(positions: [1, 2], streamVersion: 2, wasDuplicate: false))
        let second = try await store.append(Self.events(1), to: b, expected: .noStream)
        #expect(second == AppendResult(positions: [3], streamVersion: 1, wasDuplicate: false))
        let third = try await store.append(Self.events(2), to: a, expected: .exact(2))
        #expect(third == AppendResult(positions: [4, 5], streamVersion: 4, wasDuplicate: false))
        let fourth = try await store.append(Self.events(3), to: c, expected: .any)
        #expect(fourth == AppendResult(positions: [6, 7, 8], streamVersion: 3, wasDuplicate: false))

        let all = try await store.readAll(after: 0, limit: 100)
        #expect(all.map(\.position) == Array(1...8))
        #expect(all.map(\.stream) == [a, a, b, a, a, c, c, c])
        #expect(all.map(\.version) == [1, 2, 1, 3, 4, 1, 2, 3])
        #expect(try await store.read(stream: a).map(\.version) == [1, 2, 3, 4])
        #expect(try await store.read(stream: a).map(\.position) == [1, 2, 4, 5])
        #expect(try await store.read(stream: a, from: 3).map(\.position) == [4, 5])
        #expect(try await store.read(stream: a, from: 5).isEmpty)
        #expect(try await store.read(stream: Self.stream("missing")).isEmpty)
        #expect(try await store.version(of: a) == 4)
        #expect(try await store.version(of: b) == 1)
        #expect(try await store.version(of: c) == 3)
        #expect(try await store.version(of: Self.stream("missing")) == 0)
        #expect(try await store.head().position == 8)
        #expect(try await store.head().hash == all.last?.hash)
    }

    /// `readAll(after:limit:)` pages by position and `events(after:)` streams the log in batches.
    public func paging() async throws {
        let store = try await makeStore([])
        for index in 0..<5 { try await store.append(Self.events(4), to: Self.stream("\(index % 2)"), expected: .any) }
        let all = try await store.readAll(after: 0, limit: 1_000)
        #expect(all.map(\.position) == Array(1...20))
        #expect(try await store.readAll(after: 3, limit: 2).map(\.position) == [4, 5])
        #expect(try await store.readAll(after: 18, limit: 5).map(\.position) == [19, 20])
        #expect(try await store.readAll(after: 20, limit: 5).isEmpty)
        #expect(try await store.readAll(after: 99, limit: 5).isEmpty)
        #expect(try await store.readAll(after: 0, limit: 0).isEmpty)
        #expect(try await store.readAll(after: 0, limit: -1).isEmpty)
        #expect(try await store.readAll(after: 5, limit: .max) == Array(all[5...]))
        #expect(try await store.readAll(after: -3, limit: 2).map(\.position) == [1, 2])
        #expect(try await store.readAll(after: 5, limit: 1) == [all[5]])

        var pages: [RecordedEvent] = []
        var position: Int64 = 0
        while true {
            let page = try await store.readAll(after: position, limit: 6)
            guard let last = page.last else { break }
            #expect(page.count <= 6)
            pages += page
            position = last.position
        }
        #expect(pages == all)
        #expect(try await Self.log(of: store) == all)

        var after: [RecordedEvent] = []
        for try await event in store.events(after: 13, batchSize: 3) { after.append(event) }
        #expect(after == Array(all[13...]))
        var exact: [RecordedEvent] = []
        for try await event in store.events(after: 0, batchSize: 20) { exact.append(event) }
        #expect(exact == all)
        var none: [RecordedEvent] = []
        for try await event in store.events(after: 20) { none.append(event) }
        #expect(none.isEmpty)
    }

    /// An empty batch writes nothing and reports the stream's version, whatever is expected.
    public func emptyBatch() async throws {
        let store = try await makeStore([ContractProjection()])
        let fresh = try await store.append([], to: Self.stream("empty"), expected: .noStream)
        #expect(fresh == AppendResult(positions: [], streamVersion: 0, wasDuplicate: false))
        #expect(try await store.head() == .empty)
        #expect(try await store.checkpoint(ContractProjection().name) == 0)
        try await store.append(Self.events(2), to: Self.stream("empty"), expected: .noStream)
        let before = try await Snapshot(of: store)
        for expected in [ExpectedVersion.any, .exact(2), .exact(7), .noStream] {
            let result = try await store.append([], to: Self.stream("empty"), expected: expected)
            #expect(result == AppendResult(positions: [], streamVersion: 2, wasDuplicate: false))
        }
        #expect(try await Snapshot(of: store) == before)
    }

    /// Every hash chains from the one before it; the head and `HashChain.Verifier` agree.
    public func hashChain() async throws {
        let store = try await makeStore([])
        for index in 0..<6 {
            try await store.append(Self.events(index % 3 + 1), to: Self.stream("chain-\(index % 4)"), expected: .any)
        }
        let all = try await Self.log(of: store)
        #expect(all.count == 12)
        var previous = HashChain.genesis
        for event in all {
            #expect(event.hash.count == 32)
            #expect(event.hash == HashChain.hash(of: event, previous: previous), "position \(event.position)")
            previous = event.hash
        }
        let head = try await store.head()
        #expect(head == LogHead(position: 12, hash: previous))
        var verifier = HashChain.Verifier()
        for try await event in store.events(after: 0) { try verifier.check(event) }
        #expect(verifier.head == head)
        #expect(Set(all.map(\.hash)).count == all.count)
    }
}

extension EventStoreContract {
    /// A subscription hands out the events after its position, then those committed later, in
    /// order, and ends when its task is cancelled.
    public func subscription() async throws {
        let store = try await makeStore([])
        try await store.append(Self.events(3), to: Self.stream("a"), expected: .noStream)
        let reader = Task {
            var seen: [Int64] = []
            for try await event in store.subscribe(after: 1) {
                seen.append(event.position)
                if seen.count == 4 { break }
            }
            return seen
        }
        try await store.append(Self.events(2), to: Self.stream("b"), expected: .noStream)
        let deadline = Task {
            try await Task.sleep(for: .seconds(20))
            reader.cancel()
        }
        #expect(try await reader.value == [2, 3, 4, 5])
        deadline.cancel()

        let idle = Task {
            var count = 0
            for try await _ in store.subscribe(after: 5) { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(300))
        idle.cancel()
        #expect(try await idle.value == 0, "cancelling a caught-up subscription ends it")
    }
}
