import EventSourcing
import Foundation
import Testing

extension EventStoreContract {
    /// Documents, claims and checkpoints are written with each batch; checkpoints equal the head after every append.
    public func inlineProjections() async throws {
        let counters = ContractProjection(), other = ContractProjection.Idle()
        let store = try await makeStore([counters, other])
        let (one, two) = (Self.stream("one"), Self.stream("two"))
        #expect(try await store.checkpoint(counters.name) == 0)
        #expect(try await store.documents(ContractProjection.model).isEmpty)

        try await store.append(
            [Self.event(ContractProjection.named, payload: ContractProjection.namePayload("alpha"))] + Self.events(2),
            to: one, expected: .noStream)
        #expect(try await store.checkpoint(counters.name) == 3)
        #expect(try await store.checkpoint(other.name) == 3)
        #expect(try await ContractProjection.counter(of: one, in: store) == .init(count: 3, name: "alpha"))
        #expect(try await store.claimOwner(ContractProjection.nameKind, value: "alpha") == one.rawValue)

        try await store.append(Self.events(1) + [Self.event("Unhandled")], to: two, expected: .noStream)
        #expect(try await store.checkpoint(counters.name) == 5)
        #expect(try await ContractProjection.counter(of: two, in: store) == .init(count: 1))

        // Renaming moves the claim; the same owner may claim its own value again.
        let rename = Self.event(ContractProjection.named, payload: ContractProjection.namePayload("beta"))
        let same = Self.event(ContractProjection.named, payload: ContractProjection.namePayload("beta"))
        try await store.append([rename, same], to: one, expected: .exact(3))
        #expect(try await store.claimOwner(ContractProjection.nameKind, value: "alpha") == nil)
        #expect(try await store.claimOwner(ContractProjection.nameKind, value: "beta") == one.rawValue)
        #expect(try await store.checkpoint(counters.name) == 7)

        // The released value can be taken by another stream.
        try await store.append(
            [Self.event(ContractProjection.named, payload: ContractProjection.namePayload("alpha"))], to: two,
            expected: .exact(2))
        #expect(try await store.claimOwner(ContractProjection.nameKind, value: "alpha") == two.rawValue)
        let documents = try await store.documents(ContractProjection.model)
        #expect(documents.map(\.key) == [one.rawValue, two.rawValue])
        #expect(try await store.document(ContractProjection.model, key: one.rawValue) == documents.first?.data)

        // Deleting a document and releasing a claim.
        try await store.append([Self.event(ContractProjection.cleared)], to: one, expected: .exact(5))
        #expect(try await store.document(ContractProjection.model, key: one.rawValue) == nil)
        #expect(try await store.claimOwner(ContractProjection.nameKind, value: "beta") == nil)
        #expect(try await store.documents(ContractProjection.model).map(\.key) == [two.rawValue])
        #expect(try await store.checkpoint(counters.name) == 9)
        #expect(try await store.checkpoint(other.name) == 9)
        #expect(try await store.checkpoint("never-registered") == 0)
        #expect(try await store.document("no-such-model", key: "x") == nil)
        #expect(try await store.claimOwner("no-such-kind", value: "x") == nil)
    }

    /// A claim held by another stream refuses the whole batch: no event, document or checkpoint moves.
    public func claimConflict() async throws {
        let store = try await makeStore([ContractProjection()])
        let (one, two) = (Self.stream("one"), Self.stream("two"))
        try await store.append(
            [Self.event(ContractProjection.named, payload: ContractProjection.namePayload("taken"))], to: one,
            expected: .noStream)
        try await store.append(Self.events(1), to: two, expected: .noStream)
        let conflict = EventStoreError.claimConflict(
            kind: ContractProjection.nameKind, value: "taken", owner: one.rawValue)
        let batch =
            Self.events(2) + [Self.event(ContractProjection.named, payload: ContractProjection.namePayload("taken"))]
        try await expectRefused(conflict, by: store) {
            try await store.append(batch, to: two, expected: .exact(1))
        }
        try await expectRefused(conflict, by: store) {
            try await store.append(batch, to: Self.stream("three"), expected: .noStream)
        }
        #expect(try await store.version(of: Self.stream("three")) == 0)
        #expect(try await ContractProjection.counter(of: two, in: store) == .init(count: 1))
        #expect(try await store.claimOwner(ContractProjection.nameKind, value: "taken") == one.rawValue)
        // The same ids are not recorded: the batch goes through once the name is free.
        try await store.append([Self.event(ContractProjection.cleared)], to: one, expected: .exact(1))
        let accepted = try await store.append(batch, to: two, expected: .exact(1))
        #expect(accepted == AppendResult(positions: [4, 5, 6], streamVersion: 4, wasDuplicate: false))
        #expect(try await store.claimOwner(ContractProjection.nameKind, value: "taken") == two.rawValue)
        #expect(try await store.checkpoint(ContractProjection().name) == 6)
    }

    /// A projection that throws rolls back the whole batch, and its error reaches the caller unchanged.
    public func projectionFailureRollsBack() async throws {
        let store = try await makeStore([ContractProjection()])
        let stream = Self.stream("failing")
        try await store.append(Self.events(2), to: stream, expected: .noStream)
        let before = try await Snapshot(of: store)
        await #expect(throws: ContractProjection.Failure(position: 5)) {
            try await store.append(
                Self.events(2) + [Self.event(ContractProjection.failing)], to: stream, expected: .exact(2))
        }
        #expect(try await Snapshot(of: store) == before)
        #expect(try await store.version(of: stream) == 2)
        #expect(try await store.append(Self.events(1), to: stream, expected: .exact(2)).positions == [3])
    }
}
