import EventSourcing

/// Opens, creates, copies and restores the stores a location names, and classifies their errors.
///
/// The application knows no store adapter: the executable's wiring (`LedgerWiring`) provides the
/// SQLite and PostgreSQL providers, and tests may provide their own.
public protocol StoreProvider: Sendable {
    /// Opens an existing store; throws ``LedgerError/storeMissing(path:)`` when there is none.
    func open(_ location: String, projections: [any Projection]) async throws -> any EventStore
    /// The events of one stream, in order, read without migrating, rebuilding or writing anything
    /// (empty when the stream has none): how a command looks at the `ledger` stream before it
    /// opens the store. Throws ``LedgerError/storeMissing(path:)`` when there is no store, as
    /// ``open(_:projections:)`` does.
    func peek(_ stream: StreamName, at location: String) async throws -> [RecordedEvent]
    /// Creates the store where there is none, else opens it; says whether it created one.
    func create(_ location: String, projections: [any Projection]) async throws -> (any EventStore, created: Bool)
    /// Removes a store that ``create(_:projections:)`` made but that could not be initialized.
    func discard(_ location: String) async
    /// How a location is shown in output and errors: never with a password.
    func displayName(_ location: String) -> String
    /// Writes a consistent copy of `store` to a new file at `path`; returns the copy's head.
    ///
    /// Throws ``LedgerError/backupNeedsSQLite`` for stores that are not copied this way, and
    /// ``LedgerError/backupTargetExists(_:)`` or ``LedgerError/backupFolderMissing(_:)`` for a bad `path`.
    func backup(_ store: any EventStore, to path: String) async throws -> LogHead
    /// Turns the backup file at `backup` into a new store at `location`, which must not exist,
    /// unless it holds exactly the backup's log (a restore interrupted once its copy was in
    /// place): then it is left as it is, and the result says so.
    ///
    /// Throws ``LedgerError/restoreNeedsSQLite``, ``LedgerError/restoreTargetExists(_:)``,
    /// ``LedgerError/backupNotFound(_:)`` or ``LedgerError/notABackup(_:)``.
    func restore(backup: String, to location: String, projections: [any Projection]) async throws -> RestoreResult
    /// The failure class of an error this provider's stores throw, or nil when it is not theirs.
    func failureClass(of error: any Error) -> FailureClass?
}

/// What `restore` did.
public enum RestoreResult: Sendable, Equatable {
    /// The backup was copied to a new store.
    case restored
    /// The store was there already, holding exactly the backup's log, whose last event this is.
    case alreadyRestored(LogHead)
}
