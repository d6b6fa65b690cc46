import Foundation

/// What can be asked of a channel; each command carries the facts the application looked up.
public enum ChannelCommand: Sendable, Equatable {
    /// Create the channel.
    case create(CreateChannel)
    /// Create the `Default` channel of an upgrade from the single-account format, ready or live at once.
    case createDefault(DefaultChannel)
    /// Change the display name; `nameTakenBy` is the name of another channel already owning the new key.
    case rename(newName: String, nameTakenBy: String?)
    /// Enter Buy with Prime credentials; `targetTakenBy` is the name of another non-archived channel holding the target id.
    case enterCredentials(clientID: String, targetID: String, secret: SealedSecret, targetTakenBy: String?)
    /// Record the transport's answer for the pending credentials with this fingerprint.
    ///
    /// `through` is where the call went; the answer is recorded only if the channel still calls there.
    case completeAuthorization(through: ChannelDestination, fingerprint: String, outcome: AuthorizationOutcome)
    /// Change a mapping's object and assign or unassign fields (a nil source unassigns).
    case configureMapping(name: String, object: String?, fields: [FieldAssignment])
    /// Activate the named mappings, all or nothing.
    case activateMappings([String])
    /// Activate every catalog mapping, all or nothing.
    case activateAllMappings
    /// Deactivate a mapping; on a live channel `suspend` must be true and the channel is suspended.
    case deactivateMapping(String, suspend: Bool)
    /// Put the channel live; `connectedAppAuthorized` is whether a connected app registration is in force.
    case launch(connectedAppAuthorized: Bool)
    /// Suspend the live channel.
    case suspend(reason: String)
    /// Put the suspended channel live again; `connectedAppAuthorized` is whether a connected app registration is in force.
    case resume(connectedAppAuthorized: Bool)
    /// Archive the channel for good, freeing its target ids.
    case archive
    /// Record that the org's `SalesChannel` `salesforceId` now carries this name and target ID.
    case recordPublication(salesforceId: String, name: String, targetId: String)
    /// Move the channel to another transport or endpoint (a normalized URL, or nil for none); a
    /// live channel only with `suspend`, which suspends it.
    case changeTransport(transport: String, endpoint: String?, suspend: Bool)
}

/// The facts needed to create a channel.
public struct CreateChannel: Sendable, Equatable {
    /// The new channel's identifier.
    public var id: UUID
    /// The requested display name, as typed.
    public var name: String
    /// The transport the channel talks through.
    public var transport: String
    /// The Buy with Prime API the channel calls, as typed (nil for the transport's default).
    public var endpoint: String?
    /// The mapping catalog version to follow.
    public var catalogVersion: Int
    /// Whether the connected app is registered and authorized.
    public var connectedAppAuthorized: Bool
    /// The display name of another channel already owning the name's key, or nil.
    public var nameTakenBy: String?

    /// Creates the command's facts.
    public init(
        id: UUID,
        name: String,
        transport: String,
        endpoint: String? = nil,
        catalogVersion: Int,
        connectedAppAuthorized: Bool,
        nameTakenBy: String?
    ) {
        self.id = id
        self.name = name
        self.transport = transport
        self.endpoint = endpoint
        self.catalogVersion = catalogVersion
        self.connectedAppAuthorized = connectedAppAuthorized
        self.nameTakenBy = nameTakenBy
    }
}
