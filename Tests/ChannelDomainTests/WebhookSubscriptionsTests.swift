import ChannelDomain
import ChannelLedgerTesting
import Testing

/// The webhook subscriptions `serve` accepts, each with its auth profile's basic credentials.
@Suite("Webhook subscriptions")
struct WebhookSubscriptionsTests {
    static let sealed = SealedSecret(ciphertext: "c2VhbGVk", fingerprint: "00112233aabbccdd")
    static let rotated = SealedSecret(ciphertext: "cm90YXRlZA==", fingerprint: "ffeeddccbbaa9988")

    static func added(_ name: String, _ username: String = "bwp", _ password: SealedSecret = sealed)
        -> WebhookSubscriptionEvent
    {
        .added(WebhookSubscriptionAdded(subscription: name, username: username, password: password))
    }

    @Test("adding a subscription records its name, username and sealed password, trimmed")
    func add() {
        let state = Spec(WebhookSubscriptions.self)
            .when(.add(subscription: " orders-eu ", username: " bwp ", password: Self.sealed))
            .then([Self.added("orders-eu")])
        #expect(state.subscriptions["orders-eu"]?.username == "bwp")
    }

    @Test("the same credentials again record nothing; other credentials are a rotation")
    func rotation() {
        Spec(WebhookSubscriptions.self).given([Self.added("orders-eu")])
            .when(.add(subscription: "orders-eu", username: "bwp", password: Self.sealed))
            .thenNothing()
        let state = Spec(WebhookSubscriptions.self).given([Self.added("orders-eu")])
            .when(.add(subscription: "orders-eu", username: "bwp", password: Self.rotated))
            .then([Self.added("orders-eu", "bwp", Self.rotated)])
        #expect(state.subscriptions["orders-eu"]?.password == Self.rotated)
    }

    @Test("a name that cannot be a URL segment, or a username HTTP basic cannot carry, is refused")
    func invalid() {
        for name in ["", "orders/eu", "orders eu", "..", String(repeating: "a", count: 65), "ördérs"] {
            Spec(WebhookSubscriptions.self)
                .when(.add(subscription: name, username: "bwp", password: Self.sealed))
                .thenThrows(DomainError.invalidWebhookSubscription(name: name.trimmingCharacters(in: .whitespaces)))
        }
        for username in ["", "b w p", "bwp:admin"] {
            Spec(WebhookSubscriptions.self)
                .when(.add(subscription: "orders-eu", username: username, password: Self.sealed))
                .thenThrows(DomainError.invalidWebhookUsername(subscription: "orders-eu"))
        }
    }

    @Test("removing a subscription records it; an unknown one is not found, naming those there are")
    func remove() {
        let state = Spec(WebhookSubscriptions.self).given([Self.added("orders-eu"), Self.added("orders-us")])
            .when(.remove(subscription: "orders-eu"))
            .then([.removed(WebhookSubscriptionRemoved(subscription: "orders-eu"))])
        #expect(state.subscriptions.keys.sorted() == ["orders-us"])
        Spec(WebhookSubscriptions.self).given([Self.added("orders-us")])
            .when(.remove(subscription: "orders-eu"))
            .thenThrows(DomainError.unknownWebhookSubscription(name: "orders-eu", known: ["orders-us"]))
    }
}
