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

    /// An order never received.
    public init() {}

    /// Whether the order was received.
    public var exists: Bool { received != nil }
}
