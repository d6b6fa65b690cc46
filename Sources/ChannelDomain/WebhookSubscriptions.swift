import EventSourcing

/// The decider of the `webhooks` stream: the Buy with Prime webhook subscriptions `serve` accepts,
/// each with the HTTP basic credentials of its auth profile (the password sealed).
///
/// Adding a subscription that exists with other credentials replaces them (a rotation, recorded
/// as another `WebhookSubscriptionAdded`); the same credentials again record nothing.
public enum WebhookSubscriptions: Decider {
    /// Add (or rotate) or remove a subscription.
    public typealias Command = WebhookSubscriptionCommand
    /// A subscription added or removed.
    public typealias Event = WebhookSubscriptionEvent
    /// The subscriptions in force.
    public typealias State = WebhookSubscriptionsState

    /// No subscription.
    public static var initialState: WebhookSubscriptionsState { WebhookSubscriptionsState() }

    /// The events a command causes, or a thrown ``DomainError``.
    public static func decide(_ command: WebhookSubscriptionCommand, _ state: WebhookSubscriptionsState) throws
        -> [WebhookSubscriptionEvent]
    {
        switch command {
        case .add(let rawName, let rawUsername, let password):
            let name = try subscriptionName(rawName)
            let username = rawUsername.trimmingCharacters(in: .whitespacesAndNewlines)
            guard case .success = TextRule.identifier.check(username), !username.contains(":") else {
                throw DomainError.invalidWebhookUsername(subscription: name)
            }
            if let current = state.subscriptions[name], current.username == username,
                current.password.fingerprint == password.fingerprint
            {
                return []
            }
            return [.added(WebhookSubscriptionAdded(subscription: name, username: username, password: password))]
        case .remove(let rawName):
            let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
            guard state.subscriptions[name] != nil else {
                throw DomainError.unknownWebhookSubscription(name: name, known: state.subscriptions.keys.sorted())
            }
            return [.removed(WebhookSubscriptionRemoved(subscription: name))]
        }
    }

    /// The state after one more event.
    public static func evolve(_ state: WebhookSubscriptionsState, _ event: WebhookSubscriptionEvent)
        -> WebhookSubscriptionsState
    {
        var state = state
        switch event {
        case .added(let added):
            state.subscriptions[added.subscription] = WebhookSubscription(
                name: added.subscription, username: added.username, password: added.password)
        case .removed(let removed):
            state.subscriptions[removed.subscription] = nil
        }
        return state
    }

    /// A subscription's name as it appears in the webhook URL: 1 to 64 letters, digits, `-`, `_` or `.`.
    public static func subscriptionName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let allowed = name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
        }
        guard (1...64).contains(name.count), allowed, name != ".", name != ".." else {
            throw DomainError.invalidWebhookSubscription(name: name)
        }
        return name
    }
}

/// What can be asked of the webhook subscriptions.
public enum WebhookSubscriptionCommand: Sendable, Equatable {
    /// Accept deliveries for a subscription with these basic credentials (the password sealed).
    case add(subscription: String, username: String, password: SealedSecret)
    /// Stop accepting deliveries for a subscription.
    case remove(subscription: String)
}

/// One subscription in force.
public struct WebhookSubscription: Sendable, Equatable, Codable {
    /// Its name, the last segment of `/webhooks/buy-with-prime/{subscription}`.
    public var name: String
    /// The basic-auth username its deliveries carry.
    public var username: String
    /// The basic-auth password, sealed; deliveries are checked against its fingerprint.
    public var password: SealedSecret
}

/// The subscriptions as their events left them.
public struct WebhookSubscriptionsState: Sendable, Equatable {
    /// The subscriptions in force, by name.
    public var subscriptions: [String: WebhookSubscription] = [:]

    /// No subscription.
    public init() {}
}
