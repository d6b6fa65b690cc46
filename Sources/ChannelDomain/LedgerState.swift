import Foundation

/// The ledger's identity, as its events left it.
public struct LedgerState: Codable, Sendable, Equatable {
    /// The store's identifier, or nil before initialization.
    public var storeId: UUID?
    /// The vault key check value, or nil.
    public var keyCheck: String?
    /// The ledger format: `LedgerInitialized`'s, raised by `LedgerUpgraded`; nil before initialization.
    public var schemaVersion: Int?
    /// The single-account ledger's one account, while it had one (kept after the upgrade, as history).
    public var account: AccountCredentialsAuthorized?
    /// The format an upgrade started from, or nil when the ledger was never upgraded.
    public var upgradedFrom: Int?
    /// The `Default` channel the upgrade created, or nil.
    public var defaultChannelId: UUID?

    /// Creates a state.
    public init(storeId: UUID? = nil, keyCheck: String? = nil, schemaVersion: Int? = nil) {
        self.storeId = storeId
        self.keyCheck = keyCheck
        self.schemaVersion = schemaVersion
    }

    /// Whether the ledger was initialized.
    public var isInitialized: Bool { storeId != nil }

    /// The ledger format now (1 for a ledger initialized before formats were recorded).
    public var format: Int { schemaVersion ?? Ledger.currentFormat }
}
