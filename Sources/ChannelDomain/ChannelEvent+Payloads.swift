import EventSourcing
import Foundation

/// A channel was created with a name, a catalog version and a transport.
public struct ChannelCreated: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ChannelCreated"
    /// The channel's identifier (also its stream id).
    public let channelId: UUID
    /// The display name.
    public let name: String
    /// The mapping catalog version the channel follows.
    public let catalogVersion: Int
    /// The transport the channel talks through, for example `sandbox`.
    public let transport: String
    /// The Buy with Prime API the channel calls, or nil for a transport that has none (the
    /// in-process sandbox; events written before endpoints were recorded).
    public let endpoint: String?

    /// Creates the payload.
    public init(channelId: UUID, name: String, catalogVersion: Int, transport: String, endpoint: String? = nil) {
        self.channelId = channelId
        self.name = name
        self.catalogVersion = catalogVersion
        self.transport = transport
        self.endpoint = endpoint
    }

    private enum CodingKeys: String, CodingKey { case channelId, name, catalogVersion, transport, endpoint }

    /// Writes the id in lower case, as every UUID the ledger prints.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channelId.uuidString.lowercased(), forKey: .channelId)
        try container.encode(name, forKey: .name)
        try container.encode(catalogVersion, forKey: .catalogVersion)
        try container.encode(transport, forKey: .transport)
        try container.encodeIfPresent(endpoint, forKey: .endpoint)
    }
}

/// A channel moved to another transport or endpoint; its credentials in force are pending again
/// until they are authorized there.
public struct ChannelTransportChanged: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ChannelTransportChanged"
    /// The transport from now on.
    public let transport: String
    /// The Buy with Prime API from now on, or nil when the transport has none.
    public let endpoint: String?

    /// Creates the payload.
    public init(transport: String, endpoint: String?) {
        self.transport = transport
        self.endpoint = endpoint
    }
}

/// A channel's display name changed.
public struct ChannelRenamed: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ChannelRenamed"
    /// The previous display name.
    public let from: String
    /// The new display name.
    public let to: String

    /// Creates the payload.
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// Buy with Prime credentials were entered; they are pending until authorized.
public struct CredentialsEntered: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "CredentialsEntered"
    /// The Buy with Prime client id.
    public let clientId: String
    /// The Buy with Prime target id (the business product id).
    public let targetId: String
    /// The sealed client secret.
    public let secret: SealedSecret

    /// Creates the payload.
    public init(clientId: String, targetId: String, secret: SealedSecret) {
        self.clientId = clientId
        self.targetId = targetId
        self.secret = secret
    }
}

/// The pending credentials were authorized and replace the ones in force.
public struct CredentialsAuthorized: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "CredentialsAuthorized"
    /// The client id that was authorized.
    public let clientId: String
    /// The target id that was authorized.
    public let targetId: String
    /// The fingerprint of the authorized secret.
    public let fingerprint: String
    /// The transport the credentials were authorized through (absent in events written before it was recorded).
    public let transport: String?
    /// The Buy with Prime API they were authorized against, or nil when the transport has none.
    public let endpoint: String?

    /// Creates the payload.
    public init(
        clientId: String, targetId: String, fingerprint: String, transport: String? = nil, endpoint: String? = nil
    ) {
        self.clientId = clientId
        self.targetId = targetId
        self.fingerprint = fingerprint
        self.transport = transport
        self.endpoint = endpoint
    }
}

/// Authorizing the pending credentials failed; the ones in force (if any) stay.
public struct AuthorizationFailed: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "AuthorizationFailed"
    /// The client id that was refused.
    public let clientId: String
    /// The target id that was refused.
    public let targetId: String
    /// The fingerprint of the refused secret.
    public let fingerprint: String
    /// The service's error code.
    public let code: String
    /// The service's error message.
    public let message: String

    /// Creates the payload.
    public init(clientId: String, targetId: String, fingerprint: String, code: String, message: String) {
        self.clientId = clientId
        self.targetId = targetId
        self.fingerprint = fingerprint
        self.code = code
        self.message = message
    }
}

/// A mapping's object or fields changed; `fields` holds only what changed.
public struct MappingConfigured: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "MappingConfigured"
    /// The mapping's name.
    public let mapping: String
    /// The Salesforce object the mapping targets after the change.
    public let object: String
    /// The fields this change assigned or unassigned.
    public let fields: [FieldAssignment]

    /// Creates the payload.
    public init(mapping: String, object: String, fields: [FieldAssignment]) {
        self.mapping = mapping
        self.object = object
        self.fields = fields
    }
}

/// A mapping was activated.
///
/// Schema 2 added `catalogVersion`: the mapping catalog version whose definition the mapping
/// was checked against when it went active. Schema 1 events are lifted by ``upcasterFrom1``
/// (catalog 1 was the only catalog when they were written).
public struct MappingActivated: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "MappingActivated"
    /// Schema 2: with the catalog version.
    public static let schemaVersion = 2
    /// The mapping's name.
    public let mapping: String
    /// The catalog version the mapping was checked against.
    public let catalogVersion: Int

    /// Creates the payload.
    public init(mapping: String, catalogVersion: Int) {
        self.mapping = mapping
        self.catalogVersion = catalogVersion
    }

    /// Schema 1 → 2: the catalog version was not recorded, and catalog 1 was the only one.
    public static let upcasterFrom1 = Upcaster(wireName, from: 1, to: 2) { payload in
        payload["catalogVersion"] = 1
    }
}

/// A mapping was deactivated.
public struct MappingDeactivated: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "MappingDeactivated"
    /// The mapping's name.
    public let mapping: String

    /// Creates the payload.
    public init(mapping: String) {
        self.mapping = mapping
    }
}

/// The channel went live.
public struct ChannelLaunched: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ChannelLaunched"

    /// Creates the payload.
    public init() {}
}

/// The live channel was suspended.
public struct ChannelSuspended: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ChannelSuspended"
    /// Why the channel was suspended.
    public let reason: String

    /// Creates the payload.
    public init(reason: String) {
        self.reason = reason
    }
}

/// The suspended channel went live again.
public struct ChannelResumed: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ChannelResumed"

    /// Creates the payload.
    public init() {}
}

/// The channel was archived; nothing more can happen to it.
public struct ChannelArchived: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ChannelArchived"

    /// Creates the payload.
    public init() {}
}
