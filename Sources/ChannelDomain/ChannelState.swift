import Foundation

/// A channel as its events left it; stored as JSON in a read model.
public struct ChannelState: Codable, Sendable, Equatable {
    /// The channel's identifier, or nil when the channel was never created.
    public var id: UUID?
    /// The display name.
    public var name: String
    /// The transport the channel talks through.
    public var transport: String
    /// The Buy with Prime API the channel calls, or nil when its transport has none.
    public var endpoint: String?
    /// The mapping catalog version the channel follows.
    public var catalogVersion: Int
    /// The authorized credentials in force, or nil.
    public var credentials: ActiveCredentials?
    /// Credentials entered but not yet authorized, or nil.
    public var pending: PendingCredentials?
    /// Every catalog mapping, in catalog order.
    public var mappings: [MappingState]
    /// Whether the channel was launched (it stays true while suspended).
    public var launched: Bool
    /// Why the channel is suspended, or nil when it is not.
    public var suspensionReason: String?
    /// Whether the channel is archived.
    public var archived: Bool
    /// True for the `Default` channel an upgrade created; nil (left out of the JSON) for every other.
    var createdByUpgrade: Bool?
    /// What the org holds of the channel, from its last `SalesChannelPublished`; nil before.
    public var published: PublishedChannel?

    /// Creates a state.
    public init(
        id: UUID? = nil,
        name: String = "",
        transport: String = "",
        catalogVersion: Int = 0,
        credentials: ActiveCredentials? = nil,
        pending: PendingCredentials? = nil,
        mappings: [MappingState] = [],
        launched: Bool = false,
        suspensionReason: String? = nil,
        archived: Bool = false
    ) {
        self.id = id
        self.name = name
        self.transport = transport
        self.endpoint = nil
        self.catalogVersion = catalogVersion
        self.credentials = credentials
        self.pending = pending
        self.mappings = mappings
        self.launched = launched
        self.suspensionReason = suspensionReason
        self.archived = archived
    }

    /// Whether the channel was created.
    public var exists: Bool { id != nil }

    /// Whether the org still has to be told about the channel: launched (live or suspended), not
    /// archived, with credentials in force, and never published or published under another name or
    /// target ID than it has now.
    public var needsPublication: Bool {
        guard launched, !archived, let targetId = credentials?.targetId else { return false }
        return published?.name != name || published?.targetId != targetId
    }

    /// Whether this is the `Default` channel an upgrade created: the one channel that may bear the
    /// reserved name, whatever it is called now.
    public var isDefault: Bool { createdByUpgrade ?? false }

    /// Whether the channel is launched and not suspended.
    public var isLive: Bool { launched && suspensionReason == nil && !archived }

    /// Whether the channel is suspended.
    public var isSuspended: Bool { suspensionReason != nil && !archived }

    /// The lifecycle status derived from the state.
    public var status: ChannelStatus {
        if archived { return .archived }
        if suspensionReason != nil { return .suspended }
        if launched { return .live }
        if credentials != nil { return allMappingsActive ? .ready : .authorized }
        return .draft
    }

    /// The status of the channel's credentials.
    public var credentialsStatus: CredentialsStatus {
        if let pending { return pending.failure == nil ? .entered : .failed }
        return credentials == nil ? .none : .authorized
    }

    /// Target ids this channel holds (in force and pending); empty once archived.
    public var claimedTargetIDs: Set<String> {
        guard !archived else { return [] }
        return Set([credentials?.targetId, pending?.targetId].compactMap { $0 })
    }

    /// How many mappings are active.
    public var activeMappingCount: Int { mappings.count { $0.active } }

    /// Whether every catalog mapping is active.
    public var allMappingsActive: Bool { !mappings.isEmpty && mappings.allSatisfy(\.active) }

    /// Names of the mappings that are not active, in catalog order.
    public var inactiveMappings: [String] { mappings.filter { !$0.active }.map(\.name) }

    /// The catalog the channel follows (the current one if this build does not know its version).
    public var catalog: MappingCatalog { MappingCatalog.version(catalogVersion) ?? .current }

    /// The state of a mapping by name, or nil.
    public func mapping(_ name: String) -> MappingState? {
        mappings.first { $0.name == name }
    }

    /// The required fields of a mapping with what each is assigned, or nil for an unknown mapping.
    public func requiredFieldStatus(of mapping: String) -> [RequiredFieldStatus]? {
        guard let state = self.mapping(mapping), let definition = catalog.definition(mapping) else { return nil }
        return state.requiredFieldStatus(definition)
    }
}

/// A channel's lifecycle status.
public enum ChannelStatus: String, Codable, Sendable, CaseIterable {
    /// Created; credentials not yet authorized.
    case draft
    /// Credentials authorized; some mappings inactive.
    case authorized
    /// Credentials authorized and every mapping active: ready to launch.
    case ready
    /// Launched.
    case live
    /// Launched, then suspended.
    case suspended
    /// Archived for good.
    case archived
}

/// The status of a channel's credentials.
public enum CredentialsStatus: String, Codable, Sendable, CaseIterable {
    /// Nothing was ever entered.
    case none
    /// Credentials are pending authorization.
    case entered
    /// The credentials in force are authorized and nothing is pending.
    case authorized
    /// The last authorization of the pending credentials failed.
    case failed
}

/// Authorized credentials in force.
public struct ActiveCredentials: Codable, Sendable, Equatable {
    /// The Buy with Prime client id.
    public var clientId: String
    /// The Buy with Prime target id.
    public var targetId: String
    /// The fingerprint of the authorized secret.
    public var fingerprint: String
    /// The sealed secret that was authorized, unsealed only where a call leaves for Buy with Prime;
    /// nil only for a log that authorized a secret it never entered (the decider records no such thing).
    public var secret: SealedSecret?

    /// Creates the credentials.
    public init(clientId: String, targetId: String, fingerprint: String, secret: SealedSecret? = nil) {
        self.clientId = clientId
        self.targetId = targetId
        self.fingerprint = fingerprint
        self.secret = secret
    }
}

/// Credentials entered and awaiting authorization.
public struct PendingCredentials: Codable, Sendable, Equatable {
    /// The Buy with Prime client id.
    public var clientId: String
    /// The Buy with Prime target id.
    public var targetId: String
    /// The sealed client secret.
    public var secret: SealedSecret
    /// Why the last authorization attempt failed, or nil when none was made or it is in progress.
    public var failure: AuthorizationFailure?

    /// Creates pending credentials.
    public init(clientId: String, targetId: String, secret: SealedSecret, failure: AuthorizationFailure? = nil) {
        self.clientId = clientId
        self.targetId = targetId
        self.secret = secret
        self.failure = failure
    }

    /// The fingerprint of the pending secret.
    public var fingerprint: String { secret.fingerprint }
}
