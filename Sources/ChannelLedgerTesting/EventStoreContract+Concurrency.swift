import EventSourcing
import Foundation
import Testing

extension EventStoreContract {
    /// Concurrent writers lose nothing: positions stay gap-free, versions per stream too, and
    /// of several racing `.noStream` appends exactly one wins.
    public func concurrentAppends() async throws {
        let store = try await makeStore([ContractProjection()])
        let writers = 6, batches = 8
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    let own = Self.stream("own-\(writer)")
                    var version: Int64 = 0
                    for batch in 0..<batches {
                        let size = batch % 3 + 1
                        let result = try await store.append(Self.events(size), to: own, expected: .at(version))
                        version = result.streamVersion
                        try await store.append(Self.events(1), to: Self.stream("shared"), expected: .any)
                    }
                }
            }
            try await group.waitForAll()
        }
        let race = Self.stream("race")
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<writers {
                group.addTask { (try? await store.append(Self.events(2), to: race, expected: .noStream)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)

        let all = try await Self.log(of: store)
        let ownEvents = (0..<batches).reduce(0) { $0 + $1 % 3 + 1 } * writers
        #expect(all.count == ownEvents + writers * batches + 2)
        #expect(all.map(\.position) == Array(1...Int64(all.count)))
        #expect(Set(all.map(\.id)).count == all.count)
        var verifier = HashChain.Verifier()
        for event in all { try verifier.check(event) }
        #expect(verifier.head == (try await store.head()))
        for stream in Set(all.map(\.stream)) {
            let versions = all.filter { $0.stream == stream }.map(\.version)
            #expect(versions == Array(1...Int64(versions.count)), "\(stream)")
            #expect(try await ContractProjection.counter(of: stream, in: store)?.count == versions.count)
        }
        #expect(try await store.checkpoint(ContractProjection().name) == Int64(all.count))
    }
}
