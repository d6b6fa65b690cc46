import Foundation

/// Why intake cannot take a delivery; nothing is recorded for it.
public enum IntakeError: ClassifiedError, Sendable, Equatable {
    /// The envelope is not a Buy with Prime event (the reader's reason).
    case malformed(String)
    /// An `ORDER_CONFIRMED` that names no order (no `order/<id>` resource, no `data.order`).
    case noOrder(eventType: String)
    /// An `ORDER_CONFIRMED` without a `businessProduct/<targetId>` resource.
    case noTargetID(orderId: String)
    /// An order id that cannot name a stream (empty, whitespace, over 200 characters).
    case invalidOrderID(String)
    /// The channel owning the target ID cannot fetch the order yet: Buy with Prime should deliver again.
    case orderNotYetAvailable(orderId: String)

    /// Usage for what the sender must fix, unavailable for what a later delivery fixes.
    public var failureClass: FailureClass {
        switch self {
        case .malformed, .noOrder, .noTargetID, .invalidOrderID: .usage
        case .orderNotYetAvailable: .unavailable
        }
    }
}
