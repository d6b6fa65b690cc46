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
    /// Why the org never took the order's current channel, nil unless the publisher gave up on it.
    public var publicationFailure: OrderPublishFailed?

    /// An order never received.
    public init() {}

    /// Whether the order was received.
    public var exists: Bool { received != nil }

    /// Whether the org still has to be told the order's channel: associated, and not yet published
    /// with the channel it has now.
    public var needsPublication: Bool { channelId != nil && channelId != publishedChannelId }

    /// Whether the publisher gave up on the order's current channel (`publish --retry-failed` tries again).
    public var publicationFailed: Bool { needsPublication && publicationFailure?.channelId == channelId }

    /// Whether the publisher still tries the order on its own: to publish, and not failed.
    public var awaitsPublication: Bool { needsPublication && !publicationFailed }
}
