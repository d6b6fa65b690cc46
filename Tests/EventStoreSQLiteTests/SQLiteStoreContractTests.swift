import ChannelLedgerTesting
import EventSourcing
import EventStoreSQLite
import Testing

/// The store contract against a real SQLite file per check.
@Suite struct SQLiteStoreContractTests {
    @Test(arguments: EventStoreContract.Check.allCases)
    func contract(_ check: EventStoreContract.Check) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await EventStoreContract(
            reopen: { store, projections in
                try SQLiteEventStore.open(at: (store as! SQLiteEventStore).path, projections: projections)
            },
            makeStore: { projections in try SQLiteEventStore.create(at: directory.file(), projections: projections) }
        ).run(check)
    }
}
