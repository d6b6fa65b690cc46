import ChannelLedgerTesting
import Foundation
import Testing

/// `upgrade` killed with SIGKILL at seeded random moments, then run again, ends as an uninterrupted
/// upgrade of the same ledger does: the same channels, the same orders on the same channel for the
/// same reason, the same event types per stream. After every kill `verify` passes and the log holds
/// the upgrade's first append whole or not at all.
@Suite struct UpgradeKillCLITests {
    static let orders = 1_000
    static let kills = 5

    @Test func anUpgradeKilledAtRandomMomentsEndsAsAnUninterruptedOne() throws {
        let base = try CLI.onNewFormatZero(orders: Self.orders)
        let reference = try base.copy()
        let started = Date()
        let uninterrupted = try reference("upgrade", "--json")
        let duration = Date().timeIntervalSince(started)
        #expect(uninterrupted.status == 0, "\(uninterrupted)")
        #expect(try uninterrupted.object()["ordersAssociated"] as? Int == Self.orders)
        let expected = try LedgerSnapshot(reference)

        var generator = SplitMix(state: 0x5eed_0017)
        var interrupted = 0
        var midway = 0
        for kill in 0..<Self.kills {
            let cli = try base.copy()
            // Moments spread over the whole run, from before the first append to the last batches.
            let moment = Double(generator.next() % 1_000) / 1_000 * duration
            let (process, out, err) = try cli.start(["upgrade"], direct: true)
            Thread.sleep(forTimeInterval: moment)
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let run = cli.finish(process, out, err)
            if run.status != 0 { interrupted += 1 }

            #expect(try cli("verify").status == 0, "kill \(kill) at \(moment) s")
            let log = try cli.log()
            let channelEvents = log.filter { ($0["stream"] as? String)?.hasPrefix("channel:") == true }
            let associated = log.filter { $0["type"] as? String == "OrderAssociated" }.count
            if log.contains(where: { $0["type"] as? String == "LedgerUpgraded" }) {
                #expect(channelEvents.count == 13, "the upgrade's first append is whole: \(channelEvents.count) events")
                if associated < Self.orders { midway += 1 }
            } else {
                #expect(channelEvents.isEmpty && associated == 0, "nothing before LedgerUpgraded")
            }
            let finish = try cli("upgrade", "--json")
            #expect(finish.status == 0, "\(finish)")
            let got = try LedgerSnapshot(cli)
            #expect(
                got == expected,
                "kill \(kill) at \(String(format: "%.3f", moment)) s of \(String(format: "%.3f", duration)) s: \(got.differences(from: expected))"
            )
        }
        #expect(interrupted >= 2, "most kills land while the upgrade runs (\(interrupted) of \(Self.kills))")
        #expect(midway >= 1, "some kills land between the first append and the last order (\(midway))")
    }
}
