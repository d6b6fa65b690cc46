import EventSourcing

/// The decider of a customer's stream (`customer:<bwpCustomerId>`): only that the customer was
/// forgotten, and why. No personal data is ever recorded on it; forgetting deletes the customer's
/// data key, which the application does in the same transaction as `CustomerForgotten`.
public enum Customer: Decider {
    /// Forget the customer.
    public typealias Command = CustomerCommand
    /// The customer was forgotten.
    public typealias Event = CustomerEvent
    /// Whether and how often the customer was forgotten.
    public typealias State = CustomerState

    /// A customer never forgotten.
    public static var initialState: CustomerState { CustomerState() }

    /// `CustomerForgotten` unless the customer was forgotten already and has no key to delete
    /// (a new order after forgetting makes a new key, which forgetting again deletes).
    public static func decide(_ command: CustomerCommand, _ state: CustomerState) throws -> [CustomerEvent] {
        switch command {
        case .forget(let trigger, let keyExists):
            guard keyExists || state.timesForgotten == 0 else { return [] }
            return [.forgotten(CustomerForgotten(trigger: trigger))]
        }
    }

    /// The state after one more event.
    public static func evolve(_ state: CustomerState, _ event: CustomerEvent) -> CustomerState {
        var state = state
        switch event {
        case .forgotten: state.timesForgotten += 1
        }
        return state
    }
}

/// What can be asked of a customer.
public enum CustomerCommand: Sendable, Equatable {
    /// Forget the customer: `trigger` says why (`request`, or the Buy with Prime event type);
    /// `keyExists` whether the store holds a data key for them now.
    case forget(trigger: String, keyExists: Bool)
}

/// A customer as their events left them.
public struct CustomerState: Sendable, Equatable {
    /// How many times the customer was forgotten.
    public var timesForgotten = 0

    /// A customer never forgotten.
    public init() {}
}

/// Everything that can happen to a customer (stream `customer:<bwpCustomerId>`).
public enum CustomerEvent: Sendable, Equatable {
    /// The customer was forgotten.
    case forgotten(CustomerForgotten)

    /// The wrapped payload.
    public var payload: any EventPayload {
        switch self {
        case .forgotten(let payload): payload
        }
    }

    /// The codec that reads every customer event from the log.
    public static let codec: EventCodec<CustomerEvent> = {
        var codec = EventCodec<CustomerEvent>()
        codec.register(CustomerForgotten.self) { .forgotten($0) }
        return codec
    }()
}

/// The customer's data key was deleted: their personal fields can no longer be read, anywhere.
public struct CustomerForgotten: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "CustomerForgotten"
    /// Why: `request` (`orders forget-customer`) or the Buy with Prime event type that asked
    /// (`PERSONAL_DATA_DELETION_TASK_COMPLETED`, …).
    public let trigger: String

    /// Creates the payload.
    public init(trigger: String) {
        self.trigger = trigger
    }
}
