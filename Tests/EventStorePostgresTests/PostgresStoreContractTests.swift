import ChannelLedgerTesting
import EventSourcing
import EventStorePostgres
import Testing

/// The store contract, unchanged, against a real PostgreSQL server: a schema of its own per check.
@Suite(.postgres) struct PostgresStoreContractTests {
    @Test(arguments: EventStoreContract.Check.allCases)
    func contract(_ check: EventStoreContract.Check) async throws {
        try await PostgresTestServer.withSchema { schema in
            try await EventStoreContract { projections in
                try await schema.store(projections)
            }.run(check)
        }
    }
}
