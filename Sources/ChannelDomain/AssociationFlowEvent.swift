import EventSourcing

/// Everything that can happen to the association flow (stream `association-rules`).
public enum AssociationFlowEvent: Sendable, Equatable {
    /// A rule was added.
    case ruleAdded(AssociationRuleAdded)
    /// A rule was removed.
    case ruleRemoved(AssociationRuleRemoved)
    /// A rule moved to another position.
    case ruleMoved(AssociationRuleMoved)
    /// The flow was activated.
    case activated(AssociationFlowActivated)
    /// The flow was deactivated.
    case deactivated(AssociationFlowDeactivated)

    /// The wrapped payload.
    public var payload: any EventPayload {
        switch self {
        case .ruleAdded(let payload): payload
        case .ruleRemoved(let payload): payload
        case .ruleMoved(let payload): payload
        case .activated(let payload): payload
        case .deactivated(let payload): payload
        }
    }

    /// The wire name of the wrapped payload.
    public var wireName: String { type(of: payload).wireName }

    /// The codec that reads every association flow event from the log.
    public static let codec: EventCodec<AssociationFlowEvent> = {
        var codec = EventCodec<AssociationFlowEvent>()
        codec.register(AssociationRuleAdded.self) { .ruleAdded($0) }
        codec.register(AssociationRuleRemoved.self) { .ruleRemoved($0) }
        codec.register(AssociationRuleMoved.self) { .ruleMoved($0) }
        codec.register(AssociationFlowActivated.self) { .activated($0) }
        codec.register(AssociationFlowDeactivated.self) { .deactivated($0) }
        return codec
    }()
}
