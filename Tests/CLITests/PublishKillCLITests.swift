import Foundation
import Testing

/// `publish` killed with SIGKILL in the worst place: the org has applied a batch of order updates
/// and the publisher dies before recording them. The restart (at once: the dead holder's lease does
/// not hold it up) records them without writing them again, and the channel is never created twice.
@Suite(.timeLimit(.minutes(3)))
struct PublishKillCLITests {
    @Test func aPublisherKilledBetweenTheOrgsWriteAndItsRecordIsFinishedByARestartWithoutWritingTwice() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        try await PublishCLITests.usStore(cli, server, then: PublishCLITests.launched)
        try await PublishCLITests.importSandboxWebhooks(cli)
        // The org applies the batch at once and answers only 8 s later: the publisher is killed waiting.
        try await server.plan(["route": "POST /services/data/v62.0/composite", "fault": "late", "delayMs": 8_000])

        let (process, out, err) = try cli.start(["publish", "--json"], direct: true)
        var applied = false
        for _ in 0..<600 where !applied {
            try await Task.sleep(for: .milliseconds(50))
            applied = try await server.requests().0.contains { $0["fault"] as? String == "late" }
        }
        #expect(applied, "the batch reached the org")
        try await offThePool {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let killed = cli.finish(process, out, err)
        #expect(process.terminationReason == .uncaughtSignal, "\(killed)")

        #expect(try await cli.exec("verify").status == 0, "the log is intact")
        let channel = try await cli.exec("history", "--type", "SalesChannelPublished", "--json").lines()
        #expect(channel.count == 1, "the channel was recorded before the batch")
        #expect(try await cli.exec("history", "--type", "OrderPublished", "--json").lines().isEmpty, "killed first")

        let restart = try await cli.exec("publish", "--json")
        #expect(restart.status == 0, "the dead publisher's lease does not hold the restart up: \(restart)")
        let outcome = try restart.object()
        #expect((outcome["channelsPublished"] as? [String])?.isEmpty == true)
        #expect(outcome["ordersPublished"] as? Int == 18, "\(outcome)")
        let published = try await cli.exec("history", "--type", "OrderPublished", "--json").lines()
        #expect(published.count == 18)
        #expect(Set(published.compactMap { $0["stream"] as? String }).count == 18, "each order once")

        let (log, _) = try await server.requests()
        let calls = log.map { "\($0["method"] ?? "") \($0["path"] ?? "")" }
        #expect(calls.filter { $0.hasSuffix("/sobjects/SalesChannel/") }.count == 1, "created once: \(calls)")
        #expect(
            calls.filter { $0.hasSuffix("/composite") }.count == 1,
            "the orders the org holds already are not written again: \(calls)")
        let again = try await cli.exec("publish", "--json").object()
        #expect(again["changed"] as? Bool == false)
        #expect(try await cli.exec("verify").status == 0)
    }
}
