import Foundation

/// What can be asked of the ledger stream.
public enum LedgerCommand: Sendable, Equatable {
    /// Record the store's identity once, in a ledger format (1 today; 0 only for fixtures of the
    /// single-account format).
    case initialize(storeId: UUID, keyCheck: String, schemaVersion: Int)
    /// Record the authorized credentials of a single-account ledger's one account (format 0 only).
    case recordAccount(AccountCredentialsAuthorized)
    /// Upgrade a single-account ledger to format 1, whose `Default` channel gets this id.
    case upgrade(defaultChannel: UUID, connectedAppAuthorized: Bool)
}
