import EventSourcing

/// Opens the store a location names: a SQLite file path by default; the executable may wire
/// others (a `postgres://` URL) without the application knowing their adapters.
public protocol StoreProvider: Sendable {
    /// Opens an existing store; throws ``LedgerError/storeMissing(path:)`` when there is none.
    func open(_ location: String, projections: [any Projection]) async throws -> any EventStore
    /// Creates the store where there is none, else opens it; says whether it created one.
    func create(_ location: String, projections: [any Projection]) async throws -> (any EventStore, created: Bool)
    /// Removes a store that ``create(_:projections:)`` made but that could not be initialized.
    func discard(_ location: String) async
    /// How a location is shown in output and errors: never with a password.
    func displayName(_ location: String) -> String
}
