import EventSourcing

/// The decider of the `ledger` stream: the store's identity, key check and schema version.
public enum Ledger: Decider {
    /// The ledger's one command: initialize.
    public typealias Command = LedgerCommand
    /// The ledger's one event: `LedgerInitialized`.
    public typealias Event = LedgerEvent
    /// The store's identity as its events left it.
    public typealias State = LedgerState

    /// A ledger that was never initialized.
    public static var initialState: LedgerState { LedgerState() }

    /// One `LedgerInitialized`, or nothing when the ledger is already initialized.
    public static func decide(_ command: LedgerCommand, _ state: LedgerState) throws -> [LedgerEvent] {
        switch command {
        case .initialize(let storeId, let keyCheck, let schemaVersion):
            guard !state.isInitialized else { return [] }
            return [.initialized(LedgerInitialized(storeId: storeId, keyCheck: keyCheck, schemaVersion: schemaVersion))]
        }
    }

    /// The state after one more event.
    public static func evolve(_ state: LedgerState, _ event: LedgerEvent) -> LedgerState {
        switch event {
        case .initialized(let initialized):
            LedgerState(
                storeId: initialized.storeId, keyCheck: initialized.keyCheck, schemaVersion: initialized.schemaVersion)
        }
    }
}
