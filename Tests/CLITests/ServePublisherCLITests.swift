import Foundation
import Testing

/// `serve` runs the publisher beside intake: an order taken over HTTP reaches the (sandbox's) org
/// without anyone running `publish`, recorded with source `publisher` and actor `publisher`.
@Suite(.timeLimit(.minutes(2)))
struct ServePublisherCLITests {
    @Test func anOrderTakenByServeIsPublishedByItsPublisher() async throws {
        let (cli, sandbox, lines) = try await ServeCLITests.ledger()
        let confirmation = try #require(
            lines.first {
                let text = String(decoding: $0, as: UTF8.self)
                return text.contains("ORDER_CONFIRMED") && text.contains(sandbox.accounts[0].targetId)
            })
        let orderId = try #require(
            String(decoding: confirmation, as: UTF8.self).firstMatch(of: /order\/(322-[0-9A-Z]{4}-[0-9]{6})/)?.1)
        let server = try await WebhookServe.start(cli, arguments: ["--publish-every", "1"])
        defer { server.kill() }
        let answer = try await server.deliver(
            confirmation, subscription: sandbox.webhook.subscription, credentials: ServeCLITests.credentials(sandbox))
        #expect(answer.status == 200, "\(answer.status)")

        // The publisher wakes on the new events; wait for its record (polling, not a timed assertion).
        var published = false
        for _ in 0..<120 where !published {
            let order = try await cli.exec("orders", "show", String(orderId), "--json").object()
            published = order["published"] as? Bool == true
            if !published { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(published, "the order reached the org without a `publish`")
        _ = try await server.stop()
        let events = try await cli.exec("history", "--type", "OrderPublished", "--json").lines()
        #expect(events.count == 1)
        #expect(events.first?["source"] as? String == "publisher")
        #expect(events.first?["actor"] as? String == "publisher")
        let channel = try await cli.exec("history", "--type", "SalesChannelPublished", "--json").lines()
        #expect(channel.count == 1, "the channel first, once")
        #expect(try await cli.exec("verify").status == 0)
    }
}
