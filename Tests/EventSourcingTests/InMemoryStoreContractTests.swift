import ChannelLedgerTesting
@_spi(Testing) import EventSourcing
import Testing

/// The store contract against the reference implementation.
@Suite struct InMemoryStoreContractTests {
    let contract = EventStoreContract(
        reopen: { store, projections in await (store as! InMemoryEventStore).reopened(projections: projections) },
        makeStore: { InMemoryEventStore(projections: $0) })

    @Test(arguments: EventStoreContract.Check.allCases)
    func contract(_ check: EventStoreContract.Check) async throws {
        try await contract.run(check)
    }

    @Test func tamperedPayloadIsNamedByTheVerifier() async throws {
        let store = InMemoryEventStore()
        let stream = StreamName(category: "contract", id: "tamper")
        for _ in 0..<4 { _ = try await store.append([ContractEvent.make()], to: stream, expected: .any) }
        var payload = try #require(await store.readAll(after: 2, limit: 1).first).payload
        payload[payload.startIndex] ^= 0x01
        await store.tamper(position: 3, payload: payload)
        var verifier = HashChain.Verifier()
        let error = await #expect(throws: HashChain.ChainBreak.self) {
            for try await event in store.events() { try verifier.check(event) }
        }
        #expect(error?.position == 3)
        #expect(error?.reason == .hashMismatch)
    }
}
