import EventSourcing

/// Everything that can happen to the webhook subscriptions (stream `webhooks`).
public enum WebhookSubscriptionEvent: Sendable, Equatable {
    /// A subscription was added, or its credentials replaced.
    case added(WebhookSubscriptionAdded)
    /// A subscription was removed.
    case removed(WebhookSubscriptionRemoved)

    /// The wrapped payload.
    public var payload: any EventPayload {
        switch self {
        case .added(let payload): payload
        case .removed(let payload): payload
        }
    }

    /// The codec that reads every webhook subscription event from the log.
    public static let codec: EventCodec<WebhookSubscriptionEvent> = {
        var codec = EventCodec<WebhookSubscriptionEvent>()
        codec.register(WebhookSubscriptionAdded.self) { .added($0) }
        codec.register(WebhookSubscriptionRemoved.self) { .removed($0) }
        return codec
    }()
}

/// `serve` accepts deliveries for a subscription, authenticated with these basic credentials.
public struct WebhookSubscriptionAdded: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "WebhookSubscriptionAdded"
    /// The subscription's name (the webhook URL's last segment).
    public let subscription: String
    /// The basic-auth username.
    public let username: String
    /// The basic-auth password, sealed.
    public let password: SealedSecret

    /// Creates the payload.
    public init(subscription: String, username: String, password: SealedSecret) {
        self.subscription = subscription
        self.username = username
        self.password = password
    }
}

/// `serve` no longer accepts deliveries for a subscription.
public struct WebhookSubscriptionRemoved: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "WebhookSubscriptionRemoved"
    /// The subscription's name.
    public let subscription: String

    /// Creates the payload.
    public init(subscription: String) {
        self.subscription = subscription
    }
}
