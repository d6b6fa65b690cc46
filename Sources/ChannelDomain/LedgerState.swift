import Foundation

/// The ledger's identity, as its events left it.
public struct LedgerState: Codable, Sendable, Equatable {
    /// The store's identifier, or nil before initialization.
    public var storeId: UUID?
    /// The vault key check value, or nil.
    public var keyCheck: String?
    /// The store schema version, or nil.
    public var schemaVersion: Int?

    /// Creates a state.
    public init(storeId: UUID? = nil, keyCheck: String? = nil, schemaVersion: Int? = nil) {
        self.storeId = storeId
        self.keyCheck = keyCheck
        self.schemaVersion = schemaVersion
    }

    /// Whether the ledger was initialized.
    public var isInitialized: Bool { storeId != nil }
}
