import EventSourcing

/// Everything that can happen to a channel, one case per payload type.
public enum ChannelEvent: Sendable, Equatable {
    /// The channel was created.
    case created(ChannelCreated)
    /// The channel's display name changed.
    case renamed(ChannelRenamed)
    /// Buy with Prime credentials were entered and await authorization.
    case credentialsEntered(CredentialsEntered)
    /// The pending credentials were authorized and are now in force.
    case credentialsAuthorized(CredentialsAuthorized)
    /// Authorizing the pending credentials failed.
    case authorizationFailed(AuthorizationFailed)
    /// A mapping's object or fields changed.
    case mappingConfigured(MappingConfigured)
    /// A mapping was activated.
    case mappingActivated(MappingActivated)
    /// A mapping was deactivated.
    case mappingDeactivated(MappingDeactivated)
    /// The channel went live.
    case launched(ChannelLaunched)
    /// The live channel was suspended.
    case suspended(ChannelSuspended)
    /// The suspended channel went live again.
    case resumed(ChannelResumed)
    /// The channel was archived for good.
    case archived(ChannelArchived)
    /// The channel moved to another transport or endpoint.
    case transportChanged(ChannelTransportChanged)
    /// The channel was written to the Salesforce org.
    case salesChannelPublished(SalesChannelPublished)

    /// The wrapped payload.
    public var payload: any EventPayload {
        switch self {
        case .created(let payload): payload
        case .renamed(let payload): payload
        case .credentialsEntered(let payload): payload
        case .credentialsAuthorized(let payload): payload
        case .authorizationFailed(let payload): payload
        case .mappingConfigured(let payload): payload
        case .mappingActivated(let payload): payload
        case .mappingDeactivated(let payload): payload
        case .launched(let payload): payload
        case .suspended(let payload): payload
        case .resumed(let payload): payload
        case .archived(let payload): payload
        case .transportChanged(let payload): payload
        case .salesChannelPublished(let payload): payload
        }
    }

    /// The wire name of the wrapped payload.
    public var wireName: String { type(of: payload).wireName }

    /// The codec that reads every channel event from the log.
    public static let codec: EventCodec<ChannelEvent> = {
        var codec = EventCodec<ChannelEvent>()
        codec.register(ChannelCreated.self) { .created($0) }
        codec.register(ChannelRenamed.self) { .renamed($0) }
        codec.register(CredentialsEntered.self) { .credentialsEntered($0) }
        codec.register(CredentialsAuthorized.self) { .credentialsAuthorized($0) }
        codec.register(AuthorizationFailed.self) { .authorizationFailed($0) }
        codec.register(MappingConfigured.self) { .mappingConfigured($0) }
        codec.register(MappingActivated.self) { .mappingActivated($0) }
        codec.register(MappingDeactivated.self) { .mappingDeactivated($0) }
        codec.register(ChannelLaunched.self) { .launched($0) }
        codec.register(ChannelSuspended.self) { .suspended($0) }
        codec.register(ChannelResumed.self) { .resumed($0) }
        codec.register(ChannelArchived.self) { .archived($0) }
        codec.register(ChannelTransportChanged.self) { .transportChanged($0) }
        codec.upcasters = UpcasterRegistry([MappingActivated.upcasterFrom1])
        codec.register(SalesChannelPublished.self) { .salesChannelPublished($0) }
        return codec
    }()
}
