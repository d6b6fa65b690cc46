import Foundation

// The orders, intake, order-fetch and publishing sections.
extension Bench {
    /// The orders figures: the flow's decision, intake over loopback beside the store's own
    /// 16-caller appends, and `orders list` on a large store beside a small one.
    func measureOrders(runs: StoreRuns, into report: inout Report) async throws {
        let n = settings.runs
        let orders = OrderRuns(folder: folder)
        note("orders: the flow's decision with 100 rules")
        let decision = try await Sample.measure(runs: n) { try OrderRuns.flowDecision(count: 200_000) }
        report.add(
            "flow decision, 100 rules", decision, unit: "µs/order", reference: ("budget 5 µs", 5), target: 1,
            lowerIsBetter: true)

        try await measureIntake(runs: runs, into: &report)

        let small = 5_000
        let large = settings.largeOrderStore
        note("orders: stores of \(small * 2) and \(large * 2) orders, half each channel's (appended directly)")
        let smallStore = try await orders.storeWithOrders(small)
        let largeStore = try await orders.storeWithOrders(large)
        _ = try await OrderRuns.listOrders(smallStore)
        _ = try await OrderRuns.listOrders(largeStore)
        let smallList = try await Sample.measure(runs: max(n, 9)) { try await OrderRuns.listOrders(smallStore) }
        let largeList = try await Sample.measure(runs: max(n, 9)) { try await OrderRuns.listOrders(largeStore) }
        report.add("orders list --channel --limit 100, \(small * 2) orders", smallList, unit: "ms", lowerIsBetter: true)
        report.add(
            "orders list --channel --limit 100, \(large * 2) orders", largeList, unit: "ms",
            reference: ("\(small * 2) orders", smallList.median), target: 1.5, lowerIsBetter: true)
    }

    /// Intake over loopback beside the store's own 16-caller appends (`--only intake` runs it alone).
    func measureIntake(runs: StoreRuns, into report: inout Report) async throws {
        let n = settings.runs
        let orders = OrderRuns(folder: folder)
        note("orders: intake of \(settings.intakeOrders) webhooks over loopback, 16 senders")
        let appends = try await Sample.measure(runs: n) {
            try await runs.appendConcurrent(total: settings.singleEvents, callers: 16)
        }
        let intake = try await Sample.measure(runs: n) {
            try await orders.intake(total: settings.intakeOrders, senders: 16)
        }
        let (envelopes, authorization) = try OrderRuns.envelopes(settings.intakeOrders)
        let floor = try await Sample.measure(runs: n) {
            try await WebhookFloor.run(envelopes: envelopes, authorization: authorization, senders: 16)
        }
        report.add("append, 16 concurrent callers (intake's reference)", appends, unit: "events/s")
        report.add("bare webhook server: auth, JSON parse, 200 (16 senders)", floor, unit: "deliveries/s")
        report.add(
            "intake: webhook → OrderReceived + OrderAssociated, 16 senders", intake, unit: "orders/s",
            reference: ("16-caller appends", appends.median), target: 0.5)
        report.add(
            "intake beside the bare webhook server", intake, unit: "orders/s",
            reference: ("webhook floor", floor.median))
    }

    /// Order fetches over loopback, 16 in flight: the live transport beside a bare client.
    func measureOrderFetches(into report: inout Report) async throws {
        let n = settings.runs
        note("http: \(settings.orderFetches) order fetches over loopback from the sandbox server, 16 in flight")
        let runs = try await HTTPRuns.start(inFlight: 16)
        do {
            _ = try await runs.bare(total: 200)  // warm both sides' connections
            var bare: [Double] = []
            var live: [Double] = []
            for _ in 0..<n {  // take turns, so load changes hit both alike
                bare.append(try await runs.bare(total: settings.orderFetches))
                live.append(try await runs.live(total: settings.orderFetches))
            }
            let bareSample = Sample(values: bare)
            report.add("bare AsyncHTTPClient order fetches, 16 in flight", bareSample, unit: "fetches/s")
            report.add(
                "live transport order fetches, 16 in flight", Sample(values: live), unit: "fetches/s",
                reference: ("bare client", bareSample.median), target: 0.8)
        } catch {
            try await runs.stop()
            throw error
        }
        try await runs.stop()
    }

    /// Publishing over loopback: `publish` passes beside a bare client making the same calls.
    func measurePublishing(into report: inout Report) async throws {
        let n = settings.runs
        let count = settings.publishOrders
        note("publish: \(count) orders per pass to the sandbox server's org over loopback, batches of 25")
        let runs = try await PublishRuns.start(folder: folder)
        do {
            _ = try await runs.bare(count: 100, tag: "WARM")  // warm both sides' connections
            var bare: [Double] = []
            var published: [Double] = []
            for run in 0..<n {  // take turns, so load changes hit both alike
                bare.append(try await runs.bare(count: count, tag: String(format: "B%03d", run)))
                published.append(try await runs.publish(count: count, tag: String(format: "P%03d", run)))
            }
            let bareSample = Sample(values: bare)
            report.add("bare AsyncHTTPClient: query + composite per 25 orders", bareSample, unit: "orders/s")
            report.add(
                "publish: orders written to the org and recorded", Sample(values: published), unit: "orders/s",
                reference: ("bare client", bareSample.median), target: 0.8)
        } catch {
            try await runs.stop()
            throw error
        }
        try await runs.stop()
    }
}
