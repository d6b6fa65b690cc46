import Foundation

/// An order as its events left it.
public struct OrderState: Sendable, Equatable {
    /// The order as it was received, nil before.
    public var received: OrderReceived?
    /// The channel the order belongs to, nil while it is unassociated.
    public var channelId: UUID?
    /// Why the order belongs to its channel, nil while it is unassociated.
    public var reason: OrderAssociationReason?
    /// The ids of the Buy with Prime events recorded about the order.
    public var eventIds: Set<String> = []
    /// The channel the org was last told the order belongs to, nil before the first publication.
    public var publishedChannelId: UUID?

    /// An order never received.
    public init() {}

    /// Whether the order was received.
    public var exists: Bool { received != nil }

    /// Whether the org still has to be told the order's channel: associated, and not yet published
    /// with the channel it has now.
    public var needsPublication: Bool { channelId != nil && channelId != publishedChannelId }
}
