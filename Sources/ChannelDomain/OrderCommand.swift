import Foundation

/// What can be asked of an order, with the facts the decision needs (is the channel live?) filled in.
public enum OrderCommand: Sendable, Equatable {
    /// Record the order; receiving it again records nothing (the first snapshot stands).
    case receive(OrderReceived)
    /// Give the order its first channel, which must be live.
    case associate(channel: UUID, channelLive: Bool, reason: OrderAssociationReason)
    /// Move the associated order to another live channel, saying why.
    case reassociate(to: UUID, channelLive: Bool, reason: String)
    /// Record a later Buy with Prime event about the order, once per event id.
    case recordEvent(eventType: String, eventId: String)
    /// Record that the org was told the order belongs to `channel`; nothing when it was already.
    case recordPublication(salesforceId: String, channel: UUID)
    /// Record that the org never took the order's `channel` after `attempts` tries; nothing when
    /// the order has another channel now, is published, or already failed for the same reason.
    case recordPublicationFailure(channel: UUID, attempts: Int, reason: String)
}
