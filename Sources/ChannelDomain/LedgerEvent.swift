import EventSourcing
import Foundation

/// Everything that can happen to the ledger stream.
public enum LedgerEvent: Sendable, Equatable {
    /// The ledger was initialized.
    case initialized(LedgerInitialized)
    /// The one Buy with Prime account of a single-account ledger (format 0) was authorized.
    case accountCredentialsAuthorized(AccountCredentialsAuthorized)
    /// A single-account ledger became a multi-channel one.
    case upgraded(LedgerUpgraded)

    /// The wrapped payload.
    public var payload: any EventPayload {
        switch self {
        case .initialized(let payload): payload
        case .accountCredentialsAuthorized(let payload): payload
        case .upgraded(let payload): payload
        }
    }

    /// The codec that reads every ledger event from the log.
    public static let codec: EventCodec<LedgerEvent> = {
        var codec = EventCodec<LedgerEvent>()
        codec.register(LedgerInitialized.self) { .initialized($0) }
        codec.register(AccountCredentialsAuthorized.self) { .accountCredentialsAuthorized($0) }
        codec.register(LedgerUpgraded.self) { .upgraded($0) }
        return codec
    }()
}

/// The ledger was initialized with a store id, a key check and a schema version.
public struct LedgerInitialized: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "LedgerInitialized"
    /// The store's identifier.
    public let storeId: UUID
    /// A value that proves the vault key is the right one.
    public let keyCheck: String
    /// The ledger format the store was written in: 0 for a single-account ledger, 1 today. It is
    /// not the number of store-schema migrations, which `status` shows apart.
    public let schemaVersion: Int

    /// Creates the payload.
    public init(storeId: UUID, keyCheck: String, schemaVersion: Int) {
        self.storeId = storeId
        self.keyCheck = keyCheck
        self.schemaVersion = schemaVersion
    }

    private enum CodingKeys: String, CodingKey { case storeId, keyCheck, schemaVersion }

    /// Writes the id in lower case, as every UUID the ledger prints.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(storeId.uuidString.lowercased(), forKey: .storeId)
        try container.encode(keyCheck, forKey: .keyCheck)
        try container.encode(schemaVersion, forKey: .schemaVersion)
    }
}
