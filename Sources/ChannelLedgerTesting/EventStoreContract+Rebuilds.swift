import EventSourcing
import Foundation
import Testing

extension EventStoreContract {
    /// The live read models of the contract projection: what a rebuild must reproduce exactly.
    struct ContractModels: Equatable {
        var counters: [ReadModelDocument]
        var claims: [String: String]
        var checkpoint: ProjectionCheckpoint?

        init(of store: any EventStore, names: [String]) async throws {
            counters = try await store.documents(ContractProjection.model)
            claims = [:]
            for name in names {
                claims[name] = try await store.claimOwner(ContractProjection.nameKind, value: name)
            }
            checkpoint = try await store.projectionCheckpoints().first { $0.name == ContractProjection().name }
        }
    }

    /// Appends a log that names, renames, counts and clears across `streams` streams; returns every name used.
    @discardableResult
    static func generateNamedLog(in store: any EventStore, streams: Int, prefix: String = "s") async throws -> [String]
    {
        var names: [String] = []
        for index in 0..<streams {
            let stream = Self.stream("\(prefix)\(index)")
            let first = "\(prefix)-first-\(index)", second = "\(prefix)-second-\(index)"
            names += [first, second]
            var batch = [Self.event(ContractProjection.named, payload: ContractProjection.namePayload(first))]
            batch += Self.events(index % 4)
            batch.append(Self.event(ContractProjection.named, payload: ContractProjection.namePayload(second)))
            if index % 5 == 0 { batch.append(Self.event(ContractProjection.cleared)) }
            batch.append(Self.event("Unhandled"))
            try await store.append(batch, to: stream, expected: .noStream)
        }
        return names
    }

    /// A rebuild started afresh reproduces the inline read models exactly, swaps them in and
    /// leaves no staging area; the checkpoint stands at the head with the projection's version.
    public func rebuildMatchesInline() async throws {
        let projection = ContractProjection()
        let store = try await makeStore([projection])
        let names = try await Self.generateNamedLog(in: store, streams: 40)
        let inline = try await ContractModels(of: store, names: names)
        #expect(inline.counters.count == 32)

        var reports: [ProjectionRebuild.Progress] = []
        let position = try await ProjectionRebuild(store: store, batchSize: 7).run(projection, restart: true) {
            reports.append($0)
        }
        let head = try await store.head().position
        #expect(position == head)
        #expect(try await ContractModels(of: store, names: names) == inline)
        #expect(try await store.stagedRebuild(projection.name) == nil)
        #expect(reports.first?.position == 0)
        #expect(reports.last?.done == true && reports.last?.position == head)
        #expect(reports.map(\.position) == reports.map(\.position).sorted(), "progress only moves forward")
    }

    /// Staged batches never show to readers; a second rebuild takes the staging area over and
    /// resumes from its checkpoint; the first is then refused; a batch that does not continue
    /// the checkpoint is refused; completing applies what the log gained meanwhile.
    public func rebuildResumesAndSwaps() async throws {
        let projection = ContractProjection()
        let store = try await makeStore([projection])
        let names = try await Self.generateNamedLog(in: store, streams: 12)
        let before = try await ContractModels(of: store, names: names)

        let first = UUID(), second = UUID()
        let started = try await store.startRebuild(projection, owner: first, restart: true)
        #expect(started.position == 0 && started.owner == first && started.version == projection.version)
        try await store.stage(try await store.readAll(after: 0, limit: 10), for: projection, owner: first)
        #expect(try await store.stagedRebuild(projection.name)?.position == 10)
        #expect(try await ContractModels(of: store, names: names) == before, "staged rows are not live")

        let resumed = try await store.startRebuild(projection, owner: second, restart: false)
        #expect(resumed.position == 10 && resumed.owner == second)
        await #expect(throws: ProjectionRebuildError.takenOver(projection.name)) {
            try await store.stage(try await store.readAll(after: 10, limit: 5), for: projection, owner: first)
        }
        await #expect(throws: ProjectionRebuildError.notContiguous(projection: projection.name, staged: 10, first: 12))
        {
            try await store.stage(try await store.readAll(after: 11, limit: 5), for: projection, owner: second)
        }
        try await store.stage(try await store.readAll(after: 10, limit: 5), for: projection, owner: second)

        let more = try await Self.generateNamedLog(in: store, streams: 3, prefix: "late")
        let position = try await store.completeRebuild(projection, owner: second)
        #expect(position == (try await store.head()).position)
        let rebuilt = try await ContractModels(of: store, names: names + more)

        let reference = try await makeStore([projection])
        try await Self.generateNamedLog(in: reference, streams: 12)
        try await Self.generateNamedLog(in: reference, streams: 3, prefix: "late")
        #expect(rebuilt.counters == (try await reference.documents(ContractProjection.model)))
        #expect(rebuilt.claims == (try await ContractModels(of: reference, names: names + more)).claims)
        #expect(try await store.stagedRebuild(projection.name) == nil)
        await #expect(throws: ProjectionRebuildError.takenOver(projection.name)) {
            _ = try await store.completeRebuild(projection, owner: second)
        }
    }

    /// Code with another projection version leaves the old models alone (appends no longer move
    /// its checkpoint) until a rebuild swaps in models built by the new version.
    public func versionChangeWaitsForRebuild() async throws {
        guard let reopen else {
            Issue.record("this store's contract has no `reopen`: the version-change check cannot run")
            return
        }
        let old = ContractProjection(version: 1), new = ContractProjection(version: 2)
        let store = try await makeStore([old])
        let names = try await Self.generateNamedLog(in: store, streams: 6)
        let before = try await ContractModels(of: store, names: names)
        #expect(before.checkpoint?.version == 1)

        let upgraded = try await reopen(store, [new])
        let more = try await Self.generateNamedLog(in: upgraded, streams: 2, prefix: "new")
        let stale = try await ContractModels(of: upgraded, names: names)
        #expect(stale == before, "a projection of another version is not applied inline")

        try await ProjectionRebuild(store: upgraded, batchSize: 4).run(new)
        let after = try await ContractModels(of: upgraded, names: names + more)
        #expect(
            after.checkpoint
                == ProjectionCheckpoint(name: new.name, version: 2, position: try await upgraded.head().position))
        let reference = try await makeStore([new])
        try await Self.generateNamedLog(in: reference, streams: 6)
        try await Self.generateNamedLog(in: reference, streams: 2, prefix: "new")
        #expect(after.counters == (try await reference.documents(ContractProjection.model)))
        #expect(after.counters.count == before.counters.count + 1, "new0 is cleared, new1 is counted")

        try await upgraded.append(Self.events(1), to: Self.stream("new0"), expected: .any)
        #expect(try await upgraded.checkpoint(new.name) == (try await upgraded.head()).position, "current again")
    }

    /// What an import does before it writes a large log: the models are invalidated (version 0),
    /// appends leave them alone from then on (also when the log is still empty), and a rebuild
    /// makes them what inline appends would have, current again.
    public func invalidationWaitsForRebuild() async throws {
        let projection = ContractProjection(version: 1)
        let store = try await makeStore([projection])
        try await store.invalidate([projection])
        let names = try await Self.generateNamedLog(in: store, streams: 4)
        let untouched = try await ContractModels(of: store, names: names)
        #expect(untouched.counters.isEmpty && untouched.claims.values.allSatisfy { $0 == nil }, "nothing applied")
        #expect(untouched.checkpoint?.version == ProjectionCheckpoint.invalidatedVersion)

        let reference = try await makeStore([projection])
        var allNames = try await Self.generateNamedLog(in: reference, streams: 4)
        allNames += try await Self.generateNamedLog(in: reference, streams: 2, prefix: "more")
        try await Self.generateNamedLog(in: store, streams: 2, prefix: "more")
        try await ProjectionRebuild(store: store, batchSize: 3).run(projection)
        let rebuiltModels = try await ContractModels(of: store, names: allNames)
        let inlineModels = try await ContractModels(of: reference, names: allNames)
        #expect(rebuiltModels.counters == inlineModels.counters && rebuiltModels.claims == inlineModels.claims)
        let rebuilt = try await store.projectionCheckpoints().first { $0.name == projection.name }
        #expect(
            rebuilt
                == ProjectionCheckpoint(name: projection.name, version: 1, position: try await store.head().position))

        // Current models invalidated: the next append leaves them as they were; the position stays.
        try await store.invalidate([projection])
        let invalidated = try await store.projectionCheckpoints().first { $0.name == projection.name }
        #expect(invalidated?.position == rebuilt?.position)
        #expect(invalidated?.version == ProjectionCheckpoint.invalidatedVersion)
        let before = try await store.documents(ContractProjection.model)
        try await Self.generateNamedLog(in: store, streams: 1, prefix: "late")
        #expect(try await store.documents(ContractProjection.model) == before)
    }
}
