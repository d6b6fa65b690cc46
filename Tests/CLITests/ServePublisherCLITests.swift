import Foundation
import Testing

/// `serve` runs the publisher beside intake: orders taken over HTTP reach the (sandbox's) org
/// without anyone running `publish`, recorded with source `publisher` and actor `publisher`, each
/// pass at its own time under its own correlation id.
@Suite(.timeLimit(.minutes(2)))
struct ServePublisherCLITests {
    @Test func ordersTakenByServeArePublishedByItsPublisherEachPassAtItsOwnTime() async throws {
        let (cli, sandbox, lines) = try await ServeCLITests.ledger()
        let confirmations = lines.filter {
            let text = String(decoding: $0, as: UTF8.self)
            return text.contains("ORDER_CONFIRMED") && text.contains(sandbox.accounts[0].targetId)
        }
        let orderIds = try confirmations.prefix(2).map { line in
            String(
                try #require(
                    String(decoding: line, as: UTF8.self).firstMatch(of: /order\/(322-[0-9A-Z]{4}-[0-9]{6})/)?.1))
        }
        #expect(orderIds.count == 2)
        let server = try await WebhookServe.start(cli, arguments: ["--publish-every", "1"])
        defer { server.kill() }
        for (confirmation, orderId) in zip(confirmations, orderIds) {
            let answer = try await server.deliver(
                confirmation, subscription: sandbox.webhook.subscription,
                credentials: ServeCLITests.credentials(sandbox))
            #expect(answer.status == 200, "\(answer.status)")
            // The publisher wakes on the new events; wait for its record (polling, not a timed assertion).
            var published = false
            for _ in 0..<120 where !published {
                let order = try await cli.exec("orders", "show", orderId, "--json").object()
                published = order["published"] as? Bool == true
                if !published { try await Task.sleep(for: .milliseconds(250)) }
            }
            #expect(published, "order \(orderId) reached the org without a `publish`")
        }
        let served = try await server.stop()
        #expect(served.stderr.contains("publisher: "), "a pass that published is logged: \(served.stderr)")
        #expect(
            served.status == 0 && served.stderr.contains("stopped: the deliveries in flight were answered"), "\(served)"
        )

        let events = try await cli.exec("history", "--type", "OrderPublished", "--json").lines()
        #expect(events.count == 2)
        #expect(events.allSatisfy { $0["source"] as? String == "publisher" && $0["actor"] as? String == "publisher" })
        let passes = Set(events.compactMap { $0["correlationId"] as? String })
        #expect(passes.count == 2, "each pass is a command of its own")
        let channel = try await cli.exec("history", "--type", "SalesChannelPublished", "--json").lines()
        #expect(channel.count == 1, "the channel first, once")
        // Every pass records at its own time: the log's times never go backwards.
        let times = try await cli.exec("history", "--json").lines().compactMap { line -> Date? in
            guard let text = line["recordedAt"] as? String else { return nil }
            return try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true))
        }
        #expect(times.count > 4 && times == times.sorted(), "\(times)")
        #expect(try await cli.exec("verify").status == 0)
    }
}
