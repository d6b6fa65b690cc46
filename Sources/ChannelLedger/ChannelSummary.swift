import ChannelDomain
import EventSourcing

/// A channel as the `channel` read model stores it: its state plus envelope facts.
public struct ChannelSummary: Codable, Sendable, Equatable {
    /// The channel's state, folded from its events by the domain's own `evolve`.
    public var state: ChannelState
    /// The channel stream's version: how many events it holds.
    public var version: Int64
    /// When the channel's first event was recorded.
    public var createdAt: Timestamp
    /// When the channel's latest event was recorded.
    public var updatedAt: Timestamp
    /// When the channel was last written to the org (its last `SalesChannelPublished`), nil before.
    public var publishedAt: Timestamp? = nil
}
