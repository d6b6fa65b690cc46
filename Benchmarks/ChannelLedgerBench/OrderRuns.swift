import AsyncHTTPClient
import ChannelDomain
import ChannelLedger
import EventSourcing
import EventStoreSQLite
import Foundation
import LedgerWiring
import Logging
import NIOCore
import SandboxTransport
import ServiceLifecycle
import Transport
import WebhookServer

/// The orders figures: the association flow's decision, intake over loopback, and `orders list`
/// on a small and a large store.
struct OrderRuns {
    let folder: String

    /// Microseconds per decision of a 100-rule flow (99 channel rules whose condition fails, then
    /// by-target-id) over 10 channels, for `count` orders: the choice intake makes per order.
    static func flowDecision(count: Int) throws -> Double {
        var state = AssociationFlow.initialState
        let channels = (0..<10).map { index in
            ChannelCandidate(
                id: UUIDv7.make(), name: "channel \(index)", isLive: true, targetIds: ["TARGET\(index)"])
        }
        for index in 0..<99 {
            let rule = AssociationFlowCommand.addRule(
                name: "rule-\(index)", channel: channels[index % 10].id,
                conditions: [
                    try RuleCondition.parse("currency in EUR,GBP"), try RuleCondition.parse("sku prefix B0Z"),
                ],
                byTargetID: false, position: index + 1)
            state = try AssociationFlow.decide(rule, state).reduce(state, AssociationFlow.evolve)
        }
        precondition(state.rules.count == 100)
        let facts = (0..<1_000).map { index in
            OrderFacts(
                targetId: "TARGET\(index % 10)", aliases: ["A-\(index)"], currencies: ["USD"],
                skus: ["B0\(index)", "B1\(index)"], externalSkus: ["SKU-\(index)"], emailDomain: "example.com")
        }
        var chosen = 0
        let start = ContinuousClock.now
        for index in 0..<count where state.associateCommand(for: facts[index % facts.count], channels: channels) != nil
        {
            chosen += 1
        }
        let elapsed = ContinuousClock.now - start
        precondition(chosen == count, "every order goes to its target's channel")
        return (Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
            / Double(count)
    }

    /// A ledger on a new SQLite store with the demo's two live channels and the demo webhook subscription.
    func ledger(_ name: String) async throws -> LedgerService {
        let service = try await Self.demoLedger(at: "\(folder)/\(name)-\(UUID().uuidString.prefix(8)).sqlite")
        if let webhook = SandboxTransport.accounts.webhook {
            _ = try await service.addWebhookSubscription(
                webhook.subscription, username: webhook.username, password: { Secret(webhook.password) },
                context: CommandContext(actor: "bench"))
        }
        return service
    }

    /// A ledger on a new SQLite store at `path` with the demo's two channels set up and live.
    static func demoLedger(at path: String) async throws -> LedgerService {
        let configuration = LedgerConfiguration(
            transports: TransportRegistry([SandboxTransport.descriptor]),
            stores: Wiring.stores(logger: Logger(label: "channel-ledger-bench")), environment: [:],
            fixedKey: .ephemeral())
        let (service, _) = try await LedgerService.initialize(
            at: path, context: CommandContext(actor: "bench"), configuration: configuration)
        let accounts = SandboxTransport.accounts
        try await DemoScenario(
            app: .init(
                consumerKey: accounts.salesforce.consumerKey,
                consumerSecret: Secret(accounts.salesforce.consumerSecret), myDomain: accounts.salesforce.myDomain),
            accounts: accounts.buyWithPrime.prefix(2).map {
                .init(
                    name: $0.name, clientID: $0.clientId, clientSecret: Secret($0.clientSecret), targetID: $0.targetId)
            },
            transport: "sandbox", actor: "bench"
        ).run(on: service) { _ in }
        return service
    }

    /// Orders/s taken over loopback by the webhook server (in this process) from `senders`
    /// concurrent senders: each an `ORDER_CONFIRMED` with its snapshot, durable as `OrderReceived`
    /// and `OrderAssociated` when answered.
    func intake(total: Int, senders: Int) async throws -> Double {
        let service = try await ledger("intake")
        let (envelopes, authorization) = try Self.envelopes(total)
        guard let webhook = SandboxTransport.accounts.webhook else { throw BenchError("no demo subscription") }
        let configuration = WebhookServer.Configuration(
            logger: Logger(label: "bench-webhooks", factory: { _ in SwiftLogNoOpLogHandler() }))
        let listening = AsyncStream<String>.makeStream()
        let application = try WebhookServer(service: service, configuration: configuration).application {
            listening.continuation.yield($0)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [application], logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })))
        let serving = Task { try await group.run() }
        var iterator = listening.stream.makeAsyncIterator()
        guard let base = await iterator.next() else { throw BenchError("the webhook server did not listen") }
        defer { serving.cancel() }
        let rate = try await WebhookFloor.deliveries(
            envelopes, to: "\(base)/webhooks/buy-with-prime/\(webhook.subscription)", authorization: authorization,
            senders: senders)
        await group.triggerGracefulShutdown()
        _ = try? await serving.value
        let account = SandboxTransport.accounts.buyWithPrime[0]
        let recorded = try await service.orders(OrderQuery(channel: account.name, limit: total + 1)).orders.count
        guard recorded == total else { throw BenchError("intake recorded \(recorded) of \(total) orders") }
        return rate
    }

    /// `ORDER_CONFIRMED` envelopes with snapshots of `total` generated orders of the first demo
    /// account, and the demo subscription's basic authorization.
    static func envelopes(_ total: Int) throws -> (envelopes: [Data], authorization: String) {
        let account = SandboxTransport.accounts.buyWithPrime[0]
        let orders = SandboxOrders.seeded(for: account, currency: "USD", count: total)
        let envelopes = try orders.map { order in
            try JSONSerialization.data(withJSONObject: [
                "idempotencyKey": "bench-\(order.id)", "eventDescriptor": "ORDER_CONFIRMED",
                "resources": ["businessProduct/\(account.targetId)/order/\(order.id)"],
                "data": [
                    "order": try JSONSerialization.jsonObject(with: JSONEncoder().encode(BuyWithPrimeOrderWire(order)))
                ],
            ])
        }
        guard let webhook = SandboxTransport.accounts.webhook else { throw BenchError("no demo subscription") }
        return (envelopes, "Basic " + Data("\(webhook.username):\(webhook.password)".utf8).base64EncodedString())
    }

    /// A store with `count` orders of the first demo channel and as many of the second, appended
    /// directly (`OrderReceived` and `OrderAssociated` per order, 100 orders per append).
    ///
    /// With `churn`, the first channel is also suspended and resumed after every `churn` orders, so
    /// channel events come between the orders as in a busy store.
    func storeWithOrders(_ count: Int, churn: Int? = nil) async throws -> LedgerService {
        let service = try await ledger("orders-\(count)")
        let channels = try await service.channels()
        let time = Timestamp(Date())
        let metadata = EventMetadata(actor: "bench", source: "import")
        let context = CommandContext(actor: "bench")
        for first in stride(from: 0, to: count * 2, by: 100) {
            if let churn, first > 0, first % churn == 0 {
                let name = channels[0].state.name
                _ = try await service.suspendChannel(name, reason: "churn", context: context)
                _ = try await service.resumeChannel(name, context: context)
            }
            let batches = try (first..<min(first + 100, count * 2)).map { number -> StreamBatch in
                let channel = channels[number % 2]
                let orderId = String(format: "322-%04d-%06d", number % 10_000, number)
                let received = OrderReceived(
                    orderId: orderId, targetId: channel.state.credentials?.targetId ?? "",
                    currencies: ["USD"], skus: ["B0\(number % 997)"], lineCount: 1, totals: ["USD": "19.99"],
                    customerId: "c-\(number % 50_000)", emailDomain: "example.com")
                let associated = OrderAssociated(
                    channelId: channel.state.id!, reason: .rule(name: "by-target-id", flowRevision: 0))
                return StreamBatch(
                    [
                        try NewEvent(
                            id: UUIDv7.make(at: time), payload: received, recordedAt: time, metadata: metadata),
                        try NewEvent(
                            id: UUIDv7.make(at: time), payload: associated, recordedAt: time, metadata: metadata),
                    ], to: Streams.order(orderId), expected: .noStream)
            }
            try await service.store.append(batches: batches)
        }
        return service
    }

    /// Milliseconds of `orders list --channel CH --limit 100` (the query, as the CLI runs it).
    static func listOrders(_ service: LedgerService) async throws -> Double {
        let channel = try await service.channels()[0].state.name
        var listed = 0
        let elapsed = try await seconds {
            listed = try await service.orders(OrderQuery(channel: channel, limit: 100)).orders.count
        }
        precondition(listed == 100)
        return elapsed * 1000
    }
}
