import EventSourcing
import EventStoreSQLite

/// The embedded default: a SQLite file per store, created with its folder (mode 0700).
public struct SQLiteStoreProvider: StoreProvider {
    /// The default provider.
    public init() {}

    /// Opens the SQLite file at `location`.
    public func open(_ location: String, projections: [any Projection]) async throws -> any EventStore {
        do {
            return try SQLiteEventStore.open(at: location, projections: projections)
        } catch SQLiteStoreError.notFound {
            throw LedgerError.storeMissing(path: location)
        }
    }

    /// Creates the file (and its folder) unless it exists; then opens it.
    public func create(_ location: String, projections: [any Projection]) async throws -> (
        any EventStore, created: Bool
    ) {
        try StoreFolder.create(for: location)
        do {
            return (try SQLiteEventStore.create(at: location, projections: projections), true)
        } catch SQLiteStoreError.alreadyExists {
            return (try SQLiteEventStore.open(at: location, projections: projections), false)
        }
    }

    /// A path shows as itself.
    public func displayName(_ location: String) -> String { location }

    /// Deletes the file with its WAL, shared-memory and lock files.
    public func discard(_ location: String) async {
        StoreFolder.remove(storeAt: location)
    }
}
