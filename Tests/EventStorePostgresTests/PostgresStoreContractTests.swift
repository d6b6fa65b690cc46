import ChannelLedgerTesting
import EventSourcing
import EventStorePostgres
import Testing

/// The store contract, unchanged, against a real PostgreSQL server: a schema of its own per store.
@Suite(.postgres) struct PostgresStoreContractTests {
    @Test(arguments: EventStoreContract.Check.allCases)
    func contract(_ check: EventStoreContract.Check) async throws {
        try await PostgresTestServer.withSchemas { schemas in
            try await EventStoreContract(
                reopen: { store, projections in try await schemas.reopen(store, projections: projections) },
                makeStore: { projections in try await schemas.freshStore(projections) }
            ).run(check)
        }
    }
}
