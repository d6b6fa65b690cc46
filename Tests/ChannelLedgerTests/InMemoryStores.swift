import ChannelLedger
import EventSourcing

/// A provider that hands out one in-memory store, whatever the location: application tests
/// need no store adapter.
struct InMemoryStores: StoreProvider {
    let store: any EventStore

    init(_ store: any EventStore) {
        self.store = store
    }

    func open(_ location: String, projections: [any Projection]) async throws -> any EventStore { store }

    func peek(_ stream: StreamName, at location: String) async throws -> [RecordedEvent] {
        try await store.read(stream: stream)
    }

    func create(_ location: String, projections: [any Projection]) async throws -> (any EventStore, created: Bool) {
        (store, false)
    }

    func discard(_ location: String) async {}

    func displayName(_ location: String) -> String { location }

    func backup(_ store: any EventStore, to path: String) async throws -> LogHead {
        throw LedgerError.backupNeedsSQLite
    }

    func restore(backup: String, to location: String, projections: [any Projection]) async throws -> RestoreResult {
        throw LedgerError.restoreNeedsSQLite
    }

    func failureClass(of error: any Error) -> FailureClass? { nil }
}
