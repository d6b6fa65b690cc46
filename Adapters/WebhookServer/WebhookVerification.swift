import ChannelLedger
import HTTPTypes
import HummingbirdAuth

/// How a delivery proves it comes from Buy with Prime: a policy, so the signature header
/// (`x-amzn-signature`, its algorithm unconfirmed) can be added beside basic auth later.
public protocol WebhookVerification: Sendable {
    /// Whether the delivery's headers authenticate it for `subscription`. Called before the body is
    /// read; a policy that needs the body gets it in ``verify(subscription:headers:body:)``.
    func authenticate(subscription: String, headers: HTTPFields) async throws -> Bool
    /// Whether the body passes (a signature over it); true by default.
    func verify(subscription: String, headers: HTTPFields, body: [UInt8]) async throws -> Bool
}

extension WebhookVerification {
    /// Basic auth checks no body.
    public func verify(subscription: String, headers: HTTPFields, body: [UInt8]) async throws -> Bool { true }
}

/// HTTP basic, as Buy with Prime's auth profiles send it: the subscription's username and password
/// (`webhooks add`), the password compared by fingerprint in constant time.
public struct BasicAuthVerification: WebhookVerification {
    let service: LedgerService

    /// Basic auth against the subscriptions recorded in `service`'s ledger.
    public init(service: LedgerService) {
        self.service = service
    }

    /// Whether the `Authorization: Basic …` header carries the subscription's credentials.
    public func authenticate(subscription: String, headers: HTTPFields) async throws -> Bool {
        guard let basic = headers.basic else { return false }
        return try await service.checkWebhookCredentials(
            subscription: subscription, username: basic.username, password: basic.password)
    }
}
