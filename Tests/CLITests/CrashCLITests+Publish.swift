import Foundation
import Testing

extension CrashCLITests {
    /// A ledger whose US Store is launched against a sandbox server of its own, with the sandbox's
    /// orders imported and nothing published yet; the server, for its request record. The org
    /// applies the pass's two writes (the `SalesChannel` and the orders' composite) at once and
    /// answers each half a second late, so that a kill lands between a write and its record as
    /// often as anywhere else.
    static func publishScenario() async throws -> (CLI, SandboxServe) {
        var cli = try CLI()
        cli.environment["CHANNEL_LEDGER_MASTER_KEY"] = Self.key
        let server = try await SandboxServe.start(cli)
        try await PublishCLITests.usStore(cli, server, then: PublishCLITests.launched)
        try await PublishCLITests.importSandboxWebhooks(cli)
        for route in ["POST /services/data/v62.0/sobjects/SalesChannel*", "POST /services/data/v62.0/composite*"] {
            try await server.plan(["route": route, "count": 1, "fault": "late", "delayMs": 500])
        }
        return (cli, server)
    }

    /// The writes the org applied: the `SalesChannel` creations and the composite calls answered 200.
    static func appliedWrites(_ server: SandboxServe) async throws -> (creations: Int, composites: Int) {
        let (log, _) = try await server.requests()
        func answered(_ method: String, _ suffix: String) -> Int {
            log.filter {
                $0["method"] as? String == method && ($0["path"] as? String)?.hasSuffix(suffix) == true
                    && [200, 201].contains($0["status"] as? Int ?? 0)
            }.count
        }
        return (answered("POST", "/sobjects/SalesChannel/"), answered("POST", "/composite"))
    }

    @Test func publishKilledAtRandomMomentsWritesEachChangeOnceAndEndsAsAnUninterruptedOne() async throws {
        let (reference, referenceServer) = try await Self.publishScenario()
        defer { referenceServer.kill() }
        let started = Date()
        let uninterrupted = try await reference.exec("publish", "--json")
        #expect(uninterrupted.status == 0, "\(uninterrupted)")
        let duration = Date().timeIntervalSince(started)
        #expect(try uninterrupted.object()["ordersPublished"] as? Int == 18, "\(uninterrupted)")
        let expected = try await offThePool { try LedgerSnapshot(reference).endpointsLeftOut() }
        let once = try await Self.appliedWrites(referenceServer)
        #expect(once.creations == 1 && once.composites == 1, "the uninterrupted pass: \(once)")
        let late = try await referenceServer.requests().0.filter { $0["fault"] as? String == "late" }
        #expect(late.count == 2, "both writes answered late: \(late)")

        var schedule = KillSchedule(seed: Self.seed ^ 0x07, duration: duration)
        let kills = Self.kills(4, share: 0.05)
        for kill in 0..<kills {
            let (cli, server) = try await Self.publishScenario()
            defer { server.kill() }
            let moment = schedule.nextMoment()
            let label = "seed \(String(Self.seed, radix: 16)) publish kill \(kill) at \(moment) s"
            schedule.record(try await Self.kill(cli, ["publish", "--json"], after: moment))
            try await Self.checkAfterKill(cli, label)
            // The restart at once: the dead publisher's lease does not hold it up.
            let finish = try await cli.exec("publish", "--json")
            #expect(finish.status == 0, "\(label): \(finish)")
            let got = try await offThePool { try LedgerSnapshot(cli).endpointsLeftOut() }
            #expect(got == expected, "\(label): \(got.differences(from: expected))")
            // What the killed pass wrote and did not record is found, not written again.
            let writes = try await Self.appliedWrites(server)
            #expect(writes.creations == 1 && writes.composites == 1, "\(label): each change written once: \(writes)")
        }
        Self.report("publish", kills: kills, interrupted: schedule.interrupted)
        #expect(schedule.interrupted >= 1, "kills land while the pass runs (\(schedule.interrupted))")
    }
}
