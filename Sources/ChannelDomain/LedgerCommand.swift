import Foundation

/// What can be asked of the ledger stream.
public enum LedgerCommand: Sendable, Equatable {
    /// Record the store's identity once.
    case initialize(storeId: UUID, keyCheck: String, schemaVersion: Int)
}
