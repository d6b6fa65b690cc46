import EventSourcing
import Foundation

/// What `status` reports.
public struct StoreStatus: Sendable {
    /// Where the store lives, as the user named it.
    public var location: String
    /// The id recorded by `LedgerInitialized`, or nil when the ledger read model has none.
    public var storeID: UUID?
    /// When the store was initialized, or nil when the ledger read model has none.
    public var initializedAt: Timestamp?
    /// How many of the store's own schema migrations are applied.
    public var schemaVersion: Int
    /// The ledger format (0 single-account, 1 channels), or nil when the ledger read model has none.
    public var ledgerFormat: Int?
    /// The format the ledger was upgraded from, or nil when it never was.
    public var upgradedFrom: Int?
    /// Where the master key comes from, when it could be loaded.
    public var keySource: MasterKey.Source?
    /// Why the master key cannot be used (missing, malformed, not this store's), if so.
    public var keyProblem: (any Error)?
    /// The newest position of the log and its hash.
    public var head: LogHead
    /// How many channels the store holds, archived ones included.
    public var channels: Int
}
