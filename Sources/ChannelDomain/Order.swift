import EventSourcing
import Foundation

/// The decider of one order stream (`order:<Buy with Prime order id>`): received, then associated
/// with at most one channel at a time, and only with a live one.
public enum Order: Decider {
    /// Receive, associate, reassociate, record a later event.
    public typealias Command = OrderCommand
    /// The order's events, one case per payload type.
    public typealias Event = OrderEvent
    /// The order as its events left it.
    public typealias State = OrderState

    /// An order never received.
    public static var initialState: OrderState { OrderState() }

    /// The events a command causes, or a thrown ``DomainError``.
    ///
    /// Every command but `receive` is for a received order (``DomainError/orderNotFound`` otherwise).
    /// Associating an order with the channel it already has, or reassociating it there, records nothing.
    public static func decide(_ command: OrderCommand, _ state: OrderState) throws -> [OrderEvent] {
        if case .receive(let received) = command {
            return state.exists ? [] : [.received(received)]
        }
        guard let order = state.received else { throw DomainError.orderNotFound }
        switch command {
        case .receive:
            return []
        case .associate(let channel, let channelLive, let reason):
            if let current = state.channelId {
                guard current == channel else {
                    throw DomainError.orderAlreadyAssociated(orderId: order.orderId, channelId: current)
                }
                return []
            }
            guard channelLive else { throw DomainError.orderChannelNotLive(orderId: order.orderId, channelId: channel) }
            return [.associated(OrderAssociated(channelId: channel, reason: reason))]
        case .reassociate(let channel, let channelLive, let reason):
            let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw DomainError.emptyReassociationReason(orderId: order.orderId) }
            guard let current = state.channelId else { throw DomainError.orderNotAssociated(orderId: order.orderId) }
            guard current != channel else { return [] }
            guard channelLive else { throw DomainError.orderChannelNotLive(orderId: order.orderId, channelId: channel) }
            return [.reassociated(OrderReassociated(from: current, to: channel, reason: .manual(text: text)))]
        case .recordEvent(let eventType, let eventId):
            guard !state.eventIds.contains(eventId) else { return [] }
            return [.eventReceived(OrderEventReceived(eventType: eventType, eventId: eventId))]
        case .recordPublication(let salesforceId, let channel):
            // A publication for a channel the order has left since is still a fact worth keeping:
            // the order stays pending, and the next pass writes its channel now.
            guard state.publishedChannelId != channel else { return [] }
            return [.published(OrderPublished(salesforceId: salesforceId, channelId: channel))]
        case .recordPublicationFailure(let channel, let attempts, let reason):
            guard state.channelId == channel, state.needsPublication,
                state.publicationFailure.map({ $0.channelId != channel || $0.reason != reason }) ?? true
            else { return [] }
            return [.publishFailed(OrderPublishFailed(channelId: channel, attempts: attempts, reason: reason))]
        }
    }

    /// The state after one more event.
    public static func evolve(_ state: OrderState, _ event: OrderEvent) -> OrderState {
        var state = state
        switch event {
        case .received(let received):
            state.received = received
        case .associated(let associated):
            state.channelId = associated.channelId
            state.reason = associated.reason
            state.publicationFailure = nil
        case .reassociated(let reassociated):
            state.channelId = reassociated.to
            state.reason = reassociated.reason
            state.publicationFailure = nil
        case .eventReceived(let received):
            state.eventIds.insert(received.eventId)
        case .published(let published):
            state.publishedChannelId = published.channelId
            state.publicationFailure = nil
        case .publishFailed(let failed):
            state.publicationFailure = failed
        }
        return state
    }
}
