import ChannelDomain
import Foundation

/// What intake did with one delivery of a Buy with Prime event.
public struct IntakeOutcome: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable {
        /// Events were recorded.
        case recorded
        /// The delivery (or the order, through another delivery) was recorded before: nothing new.
        case duplicate
        /// Nothing to record (an event about an order the ledger never received), acknowledged.
        case acknowledged
    }

    /// What happened.
    public var kind: Kind
    /// The event type delivered.
    public var eventType: String
    /// The order the event is about, when it names one.
    public var orderId: String?
    /// The order's channel after the delivery, nil while it is unassociated (or unknown).
    public var channelId: UUID?
    /// Why the order belongs to that channel.
    public var reason: OrderAssociationReason?

    /// An outcome.
    public init(
        kind: Kind, eventType: String, orderId: String? = nil, channelId: UUID? = nil,
        reason: OrderAssociationReason? = nil
    ) {
        self.kind = kind
        self.eventType = eventType
        self.orderId = orderId
        self.channelId = channelId
        self.reason = reason
    }
}
