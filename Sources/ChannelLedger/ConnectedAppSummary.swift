import ChannelDomain
import EventSourcing

/// The connected app as its read model stores it.
public struct ConnectedAppSummary: Codable, Sendable, Equatable {
    /// The connected app's state, folded from its events by the domain's own `evolve`.
    public var state: ConnectedAppState
    /// When the registration in force was authorized, or nil when none is in force.
    public var authorizedAt: Timestamp?
    /// When the connected app's latest event was recorded.
    public var updatedAt: Timestamp
}
