import ChannelDomain
import EventSourcing
import Foundation

/// An order as the `order` read model stores it: what `orders list` and `orders show` print.
public struct OrderSummary: Codable, Sendable, Equatable {
    /// The order as it was received (routing facts in clear, personal fields sealed).
    public var received: OrderReceived
    /// The channel the order belongs to, nil while it is unassociated.
    public var channelId: UUID?
    /// Why it belongs there, nil while it is unassociated.
    public var reason: OrderAssociationReason?
    /// How many later Buy with Prime events were recorded about it.
    public var laterEvents: Int
    /// The type of the latest of those, if any.
    public var lastEventType: String?
    /// The order stream's version.
    public var version: Int64
    /// When the order was received.
    public var receivedAt: Timestamp
    /// When its latest event was recorded.
    public var updatedAt: Timestamp
    /// The channel the org was last told the order belongs to, nil before the first publication.
    public var publishedChannelId: UUID? = nil
    /// The order's Salesforce id, once published.
    public var salesforceId: String? = nil
    /// Why the org never took the order's current channel, nil unless the publisher gave up on it.
    public var publicationFailure: OrderPublishFailed? = nil

    /// Whether the org still has to be told the order's channel.
    public var needsPublication: Bool { channelId != nil && channelId != publishedChannelId }

    /// Whether the publisher gave up on the order's current channel (`publish --retry-failed` tries again).
    public var publicationFailed: Bool { needsPublication && publicationFailure?.channelId == channelId }

    /// Whether the publisher still tries the order on its own: to publish, and not failed.
    public var awaitsPublication: Bool { needsPublication && !publicationFailed }

    /// The order's Buy with Prime id.
    public var orderId: String { received.orderId }
}

extension OrderSummary {
    /// The order's state as far as the publisher's commands (`recordPublication`,
    /// `recordPublicationFailure`) read it, at ``version``: everything but the ids of later Buy with
    /// Prime events, which only `recordEvent` looks at. Not for deciding any other command.
    var publicationState: OrderState {
        var state = OrderState()
        state.received = received
        state.channelId = channelId
        state.reason = reason
        state.publishedChannelId = publishedChannelId
        state.publicationFailure = publicationFailure
        return state
    }
}
