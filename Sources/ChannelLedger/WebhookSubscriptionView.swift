import ChannelDomain
import EventSourcing

/// One subscription as `webhooks list` shows it: never the password, only its fingerprint.
public struct WebhookSubscriptionView: Sendable, Equatable {
    /// The subscription.
    public var subscription: WebhookSubscription
    /// Who added it (or last replaced its credentials).
    public var addedBy: String?
    /// When.
    public var addedAt: Timestamp?
}
