import EventSourcing
import Foundation

/// The decider of the `ledger` stream: the store's identity, key check and schema version.
public enum Ledger: Decider {
    public typealias Command = LedgerCommand
    public typealias Event = LedgerEvent
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

/// What can be asked of the ledger stream.
public enum LedgerCommand: Sendable, Equatable {
    /// Record the store's identity once.
    case initialize(storeId: UUID, keyCheck: String, schemaVersion: Int)
}

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

/// Everything that can happen to the ledger stream.
public enum LedgerEvent: Sendable, Equatable {
    /// The ledger was initialized.
    case initialized(LedgerInitialized)

    /// The wrapped payload.
    public var payload: any EventPayload {
        switch self {
        case .initialized(let payload): payload
        }
    }

    /// The codec that reads every ledger event from the log.
    public static let codec: EventCodec<LedgerEvent> = {
        var codec = EventCodec<LedgerEvent>()
        codec.register(LedgerInitialized.self) { .initialized($0) }
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
    /// The store schema version.
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
