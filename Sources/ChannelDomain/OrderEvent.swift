import EventSourcing

/// Everything that can happen to an order (stream `order:<Buy with Prime order id>`).
public enum OrderEvent: Sendable, Equatable {
    /// The order was received, its personal fields sealed.
    case received(OrderReceived)
    /// The order was given its channel.
    case associated(OrderAssociated)
    /// The order moved from one channel to another.
    case reassociated(OrderReassociated)
    /// Buy with Prime sent a later event about the order.
    case eventReceived(OrderEventReceived)
    /// The order's channel was written to the org.
    case published(OrderPublished)
    /// The org never took the order's channel.
    case publishFailed(OrderPublishFailed)

    /// The wrapped payload.
    public var payload: any EventPayload {
        switch self {
        case .received(let payload): payload
        case .associated(let payload): payload
        case .reassociated(let payload): payload
        case .eventReceived(let payload): payload
        case .published(let payload): payload
        case .publishFailed(let payload): payload
        }
    }

    /// The wire name of the wrapped payload.
    public var wireName: String { type(of: payload).wireName }

    /// The codec that reads every order event from the log.
    public static let codec: EventCodec<OrderEvent> = {
        var codec = EventCodec<OrderEvent>()
        codec.register(OrderReceived.self) { .received($0) }
        codec.register(OrderAssociated.self) { .associated($0) }
        codec.register(OrderReassociated.self) { .reassociated($0) }
        codec.register(OrderEventReceived.self) { .eventReceived($0) }
        codec.register(OrderPublished.self) { .published($0) }
        codec.register(OrderPublishFailed.self) { .publishFailed($0) }
        return codec
    }()
}
