import Foundation

/// The ledger's identity, as its events left it.
public struct LedgerState: Codable, Sendable, Equatable {
    /// The store's identifier, or nil before initialization.
    public var storeId: UUID?
    /// The vault key check value, or nil.
    public var keyCheck: String?
    /// The ledger format: `LedgerInitialized`'s, raised by `LedgerUpgraded`; nil before
    /// initialization. Not the store-schema migrations `status` counts apart.
    public var formatRecorded: Int?
    /// The single-account ledger's one account, while it had one (kept after the upgrade, as history).
    public var account: AccountCredentialsAuthorized?
    /// The format an upgrade started from, or nil when the ledger was never upgraded.
    public var upgradedFrom: Int?
    /// The `Default` channel the upgrade created, or nil.
    public var defaultChannelId: UUID?

    /// The read model's JSON keeps the name the format had before formats were told apart from
    /// store-schema versions, so documents written then still read.
    private enum CodingKeys: String, CodingKey {
        case storeId, keyCheck, formatRecorded = "schemaVersion", account, upgradedFrom, defaultChannelId
    }

    /// Creates a state.
    public init(storeId: UUID? = nil, keyCheck: String? = nil, format: Int? = nil) {
        self.storeId = storeId
        self.keyCheck = keyCheck
        self.formatRecorded = format
    }

    /// Whether the ledger was initialized.
    public var isInitialized: Bool { storeId != nil }

    /// The ledger format now (``Ledger/currentFormat`` before initialization).
    public var format: Int { formatRecorded ?? Ledger.currentFormat }
}
