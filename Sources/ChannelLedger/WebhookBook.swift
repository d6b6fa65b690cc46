import ChannelDomain

/// The subscriptions `serve` checks deliveries against, as of one version of their stream.
struct WebhookBook: Sendable {
    var version: Int64
    var subscriptions: [String: WebhookSubscription]
    var vault: Vault
}
