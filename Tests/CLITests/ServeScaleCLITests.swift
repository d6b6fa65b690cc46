import ChannelLedgerTesting
import Foundation
import Testing

/// `serve` under a few thousand webhooks, as the orders issue checks it end to end over real HTTP:
/// orders of two live channels and of an account no channel owns, later events, redeliveries,
/// malformed and unauthenticated requests, sixteen senders at once, and a `kill -9` of the server
/// a third of the way through followed by a restart that takes every delivery again.
@Suite struct ServeScaleCLITests {
    /// Orders per sandbox account: three accounts, so three thousand orders.
    static let ordersPerAccount = 1_000
    static let senders = 16

    @Test func aFewThousandOrdersAreEachReceivedOnceAndAssociatedOnceWithTheirChannelThroughAKill9() async throws {
        let cli = try CLI()
        let sandbox = try await offThePool { () throws -> SandboxAccounts in
            let sandbox = try cli.prepared()
            for (name, account) in [("US Store", sandbox.accounts[0]), ("EU Store", sandbox.accounts[1])] {
                try cli.readyChannel(name, account)
                try #require(try cli("channels", "launch", name).status == 0)
            }
            try cli.addWebhookSubscription(sandbox)
            return sandbox
        }
        let hooks = try await cli.exec("sandbox", "webhooks", "--orders", String(Self.ordersPerAccount))
        let lines = hooks.stdout.split(separator: "\n").map { Data($0.utf8) }
        let confirmations = Set(
            lines.map { String(decoding: $0, as: UTF8.self) }.filter { $0.contains("ORDER_CONFIRMED") })
        #expect(confirmations.count >= 3 * Self.ordersPerAccount - 5, "a few thousand distinct orders")

        // Every tenth confirmation delivered twice more, at once; some bodies broken, some senders unauthenticated.
        var deliveries = lines.map { Delivery(body: $0, authenticated: true, expected: [200, 202]) }
        deliveries += lines.enumerated().filter { $0.offset % 10 == 0 }.map {
            Delivery(body: $0.element, authenticated: true, expected: [200, 202])
        }
        deliveries += (0..<25).map {
            Delivery(body: Data(#"{"idempotencyKey":"broken-\#($0)","#.utf8), authenticated: true, expected: [400])
        }
        deliveries += lines.prefix(25).map { Delivery(body: $0, authenticated: false, expected: [401]) }
        var generator = SplitMix(state: 14)
        deliveries.shuffle(using: &generator)

        let first = try await WebhookServe.start(cli)
        _ = await Self.send(deliveries, to: first, sandbox, killingAfter: deliveries.count / 3)
        first.kill()
        #expect(try await cli.exec("verify").status == 0, "a kill -9 under sixteen senders leaves the log whole")

        let second = try await WebhookServe.start(cli)
        defer { second.kill() }
        let answers = await Self.send(deliveries, to: second, sandbox, killingAfter: nil)
        let wrong = zip(deliveries, answers).filter { !$0.0.expected.contains($0.1) }
        #expect(wrong.isEmpty, "\(wrong.count) answers not as documented, e.g. \(wrong.prefix(3).map(\.1))")
        _ = try await second.stop()

        let orders = try await cli.exec("orders", "list", "--limit", "10000", "--json").array()
        #expect(orders.count == confirmations.count, "each order once")
        let channelOf = [sandbox.accounts[0].targetId: "US Store", sandbox.accounts[1].targetId: "EU Store"]
        let misplaced = orders.filter { order in
            let expected = channelOf[order["targetId"] as? String ?? ""]
            return (order["channel"] as? String) != expected
        }
        #expect(misplaced.isEmpty, "\(misplaced.count) orders on the wrong channel, e.g. \(misplaced.prefix(2))")
        let received = try await cli.exec("history", "--type", "OrderReceived", "--json").lines()
        #expect(received.count == confirmations.count, "OrderReceived once per order")
        let associated = try await cli.exec("history", "--type", "OrderAssociated", "--json").lines()
        #expect(associated.count == orders.filter { $0["channel"] is String }.count, "associated once")
        #expect(Set(associated.compactMap { $0["stream"] as? String }).count == associated.count)
        #expect(try await cli.exec("verify").status == 0)
    }

    /// One request to send, and the statuses Docs/openapi.yaml allows for it.
    struct Delivery: Sendable {
        var body: Data
        var authenticated: Bool
        var expected: Set<Int>
    }

    /// Sends every delivery with ``senders`` at once; kills the server with SIGKILL as delivery
    /// `killingAfter` goes out. Returns each delivery's status (0 when the connection failed).
    static func send(
        _ deliveries: [Delivery], to server: WebhookServe, _ sandbox: SandboxAccounts, killingAfter: Int?
    ) async -> [Int] {
        let (credentials, subscription) = (ServeCLITests.credentials(sandbox), sandbox.webhook.subscription)
        return await Array(deliveries.enumerated()).concurrentMap(width: senders) { index, delivery in
            if index == killingAfter { try? await server.kill9() }
            let answer = try? await server.deliver(
                delivery.body, subscription: subscription, credentials: delivery.authenticated ? credentials : nil)
            return answer?.status ?? 0
        }
    }
}
