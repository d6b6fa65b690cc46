import ChannelDomain
import EventSourcing
import Foundation
import Transport

extension LedgerService {
    /// The webhook subscriptions `serve` accepts, by name (`webhooks list`).
    public func webhookSubscriptions() async throws -> [WebhookSubscriptionView] {
        var latest: [String: RecordedEvent] = [:]
        var state = WebhookSubscriptions.initialState
        for event in try await store.read(stream: Streams.webhooks) {
            let change = try WebhookSubscriptionEvent.codec.decode(event)
            state = WebhookSubscriptions.evolve(state, change)
            if case .added(let added) = change { latest[added.subscription] = event }
        }
        return state.subscriptions.values.sorted { $0.name < $1.name }.map { subscription in
            WebhookSubscriptionView(
                subscription: subscription, addedBy: latest[subscription.name]?.metadata.actor,
                addedAt: latest[subscription.name]?.recordedAt)
        }
    }

    /// Accepts deliveries for a subscription with these basic credentials (`webhooks add`); the
    /// password is read only once the name and username pass, and is sealed before it is recorded.
    /// The same credentials again record nothing; other credentials replace them.
    public func addWebhookSubscription(
        _ name: String, username: String, password: () throws -> Secret, context: CommandContext
    ) async throws -> CommandResult<[WebhookSubscriptionView]> {
        let placeholder = SealedSecret(ciphertext: "", fingerprint: "")
        _ = try WebhookSubscriptions.decide(
            .add(subscription: name, username: username, password: placeholder), WebhookSubscriptions.initialState)
        let vault = try await vault()
        let secret = try password()
        guard !secret.reveal().isEmpty else { throw LedgerError.emptyWebhookPassword(subscription: name) }
        let sealed = try vault.seal(secret)
        let changed = try await runner.run(
            WebhookSubscriptions.self, stream: Streams.webhooks, codec: WebhookSubscriptionEvent.codec,
            context: context, payload: { $0.payload }
        ) { _ in .add(subscription: name, username: username, password: sealed) }
        return CommandResult(view: try await webhookSubscriptions(), changed: changed)
    }

    /// Stops accepting deliveries for a subscription (`webhooks remove`).
    public func removeWebhookSubscription(_ name: String, context: CommandContext) async throws
        -> CommandResult<[WebhookSubscriptionView]>
    {
        let changed = try await runner.run(
            WebhookSubscriptions.self, stream: Streams.webhooks, codec: WebhookSubscriptionEvent.codec,
            context: context, payload: { $0.payload }
        ) { _ in .remove(subscription: name) }
        return CommandResult(view: try await webhookSubscriptions(), changed: changed)
    }

    /// Whether a delivery's basic credentials are those of a subscription in force: the username
    /// matches and the password's fingerprint equals the sealed one's (compared in constant time;
    /// nothing is decrypted). Reads the subscriptions again only when their stream has changed.
    public func checkWebhookCredentials(subscription: String, username: String, password: String) async throws
        -> Bool
    {
        let book = try await webhookBook()
        guard let known = book.subscriptions[subscription] else { return false }
        let presented = Data(book.vault.fingerprint(Secret(password)).utf8)
        let expected = Data(known.password.fingerprint.utf8)
        let sameUser = Data(known.username.utf8).constantTimeEquals(Data(username.utf8))
        return presented.constantTimeEquals(expected) && sameUser
    }

    /// The subscriptions in force and the vault, cached per stream version.
    private func webhookBook() async throws -> WebhookBook {
        let version = try await store.version(of: Streams.webhooks)
        if let cached = webhookCache.current, cached.version == version { return cached }
        let state = try WebhookSubscriptions.fold(
            try await store.read(stream: Streams.webhooks), codec: WebhookSubscriptionEvent.codec)
        let book = WebhookBook(
            version: Int64(version), subscriptions: state.subscriptions, vault: try await vault())
        webhookCache.withLock { $0 = book }
        return book
    }
}
