import Foundation
import Testing

extension CrashCLITests {
    /// Senders at once in the serve scenario; each sends one order's deliveries in file order, so
    /// that every order's events come in the same order whatever the interleaving.
    static let serveSenders = 8

    /// The webhook lines of `file`, grouped by the order they are about, orders in file order.
    static func deliveriesByOrder(_ file: String) throws -> [[Data]] {
        var orders: [String] = []
        var lines: [String: [Data]] = [:]
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
            let order = orderId(ofWebhookLine: line) ?? ""
            if lines[order] == nil { orders.append(order) }
            lines[order, default: []].append(Data(line.utf8))
        }
        return orders.map { lines[$0]! }
    }

    /// Sends every order's deliveries to `server`, ``serveSenders`` orders at once: each
    /// delivery's body and the status it was answered (0 when the connection failed).
    static func deliver(_ orders: [[Data]], to server: WebhookServe, _ sandbox: SandboxAccounts) async
        -> [(body: Data, status: Int)]
    {
        let (credentials, subscription) = (ServeCLITests.credentials(sandbox), sandbox.webhook.subscription)
        return await orders.concurrentMap(width: serveSenders) { deliveries in
            var answered: [(body: Data, status: Int)] = []
            for body in deliveries {
                let answer = try? await server.deliver(body, subscription: subscription, credentials: credentials)
                answered.append((body, answer?.status ?? 0))
            }
            return answered
        }.flatMap { $0 }
    }

    /// Starts `serve` on `cli`, sends `orders`, and kills the server with SIGKILL `moment` seconds
    /// after it started, unless every delivery was answered first (then it is stopped): how the
    /// kill landed, and the answers.
    static func serveKilled(
        _ cli: CLI, _ orders: [[Data]], _ sandbox: SandboxAccounts, after moment: TimeInterval
    ) async throws -> (KillOutcome, [(body: Data, status: Int)]) {
        let started = Date()
        let server = try await WebhookServe.start(cli, arguments: ["--no-publisher"])
        defer { server.kill() }
        let sending = Task { await Self.deliver(orders, to: server, sandbox) }
        let answeredFirst = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = await sending.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(max(0, moment - Date().timeIntervalSince(started))))
                return false
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
        if answeredFirst {
            _ = try await server.stop()
            return (.endedFirst(after: Date().timeIntervalSince(started)), await sending.value)
        }
        try await server.kill9()
        return (.midRun, await sending.value)
    }

    /// `serve` runs without its publisher here, so each order's events come in one order: the
    /// publisher's kills are the publish scenario's.
    @Test func serveKilledUnderWebhookLoadKeepsEveryAnsweredOrderAndEndsAsAnUninterruptedOne() async throws {
        let (base, sandbox) = try await Self.twoLiveChannels()
        try await offThePool { try base.addWebhookSubscription(sandbox) }
        let orders = try Self.deliveriesByOrder(try await Self.webhookFile(base, orders: 30))

        let reference = try base.copy()
        let started = Date()
        let server = try await WebhookServe.start(reference, arguments: ["--no-publisher"])
        let answers = await Self.deliver(orders, to: server, sandbox)
        _ = try await server.stop()
        let duration = Date().timeIntervalSince(started)
        let wrong = answers.filter { ![200, 202].contains($0.status) }.map(\.status)
        #expect(wrong.isEmpty, "every delivery recorded or acknowledged: \(wrong)")
        let expected = try await offThePool { try LedgerSnapshot(reference) }

        var schedule = KillSchedule(seed: Self.seed ^ 0x08, duration: duration)
        let kills = Self.kills(4, share: 0.1)
        for kill in 0..<kills {
            let cli = try base.copy()
            let moment = schedule.nextMoment()
            let label = "seed \(String(Self.seed, radix: 16)) serve kill \(kill) at \(moment) s"
            let (outcome, killed) = try await Self.serveKilled(cli, orders, sandbox, after: moment)
            schedule.record(outcome)
            try await Self.checkAfterKill(cli, label)
            // Every confirmation answered before the kill was durable when answered.
            let answered = Set(
                killed.filter { [200, 202].contains($0.status) }.compactMap { delivery -> String? in
                    let text = String(decoding: delivery.body, as: UTF8.self)
                    guard text.contains("ORDER_CONFIRMED") else { return nil }
                    return Self.orderId(ofWebhookLine: text).map { "order:" + $0 }
                })
            let received = Set(
                try await cli.exec("history", "--type", "OrderReceived", "--json").lines().compactMap {
                    $0["stream"] as? String
                })
            #expect(answered.isSubset(of: received), "\(label): \(answered.subtracting(received)) answered, not kept")

            // The senders deliver everything again to a restarted server, as Buy with Prime redelivers.
            let restarted = try await WebhookServe.start(cli, arguments: ["--no-publisher"])
            let again = await Self.deliver(orders, to: restarted, sandbox)
            _ = try await restarted.stop()
            let refused = again.filter { ![200, 202].contains($0.status) }.map(\.status)
            #expect(refused.isEmpty, "\(label): every delivery taken after the restart: \(refused)")
            let got = try await offThePool { try LedgerSnapshot(cli) }
            #expect(got == expected, "\(label): \(got.differences(from: expected))")
        }
        Self.report("serve under webhook load", kills: kills, interrupted: schedule.interrupted)
        #expect(schedule.interrupted >= 1, "kills land while deliveries are sent (\(schedule.interrupted))")
    }
}
