import ChannelLedgerTesting
import EventSourcing
import EventStoreSQLite
import Testing

/// The store contract against a real SQLite file per check.
@Suite struct SQLiteStoreContractTests {
    let directory: TemporaryDirectory
    let contract: EventStoreContract

    init() throws {
        let directory = try TemporaryDirectory()
        self.directory = directory
        contract = EventStoreContract { projections in
            try SQLiteEventStore.create(at: directory.file(), projections: projections)
        }
    }

    @Test(arguments: EventStoreContract.Check.allCases)
    func contract(_ check: EventStoreContract.Check) async throws {
        try await contract.run(check)
    }
}
