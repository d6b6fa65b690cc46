import ChannelLedger
import EventStoreSQLite
import Foundation
import Testing

extension CrashCLITests {
    @Test func aRebuildKilledAtRandomMomentsLeavesTheModelsAsTheyWereAndResumesToTheSame() async throws {
        let (base, _) = try await Self.twoLiveChannels()
        let hooks = try await Self.webhookFile(base, orders: 200)
        #expect(try await base.exec("orders", "import", hooks).status == 0)
        let models = try await Self.readModels(base, store: base.store)
        // Small batches, so that most kills land with batches staged, which the next run resumes from.
        let rebuild = ["projections", "rebuild", "--restart", "--batch-size", "50"]
        let timing = try base.copy()
        let started = Date()
        #expect(try await timing.exec(arguments: rebuild).status == 0)

        var schedule = KillSchedule(seed: Self.seed ^ 0x06, duration: Date().timeIntervalSince(started))
        let kills = Self.kills(6, share: 0.1)
        for kill in 0..<kills {
            let cli = try base.copy()
            let moment = schedule.nextMoment()
            let label = "seed \(String(Self.seed, radix: 16)) rebuild kill \(kill) at \(moment) s"
            schedule.record(try await Self.kill(cli, rebuild, after: moment))
            // Readers see the models of before, or the rebuilt ones, which are the same.
            #expect(try await Self.readModels(cli, store: cli.store) == models, "\(label): the models readers see")
            #expect(try await cli.exec("verify").status == 0, "\(label)")
            // Run again without --restart, the rebuild resumes from what the killed one staged.
            let again = try await cli.exec("projections", "rebuild", "--batch-size", "50")
            #expect(again.status == 0, "\(label): \(again)")
            #expect(try await Self.readModels(cli, store: cli.store) == models, "\(label): the models rebuilt")
            let status = try await cli.exec("projections", "status", "--json").array()
            #expect(
                status.allSatisfy { $0["rebuild"] == nil || $0["rebuild"] is NSNull },
                "\(label): no rebuild left staged: \(status)")
        }
        Self.report("projections rebuild", kills: kills, interrupted: schedule.interrupted)
        #expect(schedule.interrupted >= 1, "kills land while the rebuild runs (\(schedule.interrupted))")

        // Random moments may all land before the first batch is staged on a loaded machine; this
        // kill waits until the ledger projection has staged two batches (each batch is staged for
        // every projection before the next is read, so each has one at least): the run after it
        // must resume.
        let staged = try base.copy()
        let store = try SQLiteEventStore.open(at: staged.store, projections: LedgerService.projections)
        let position = try await staged.killOnceStaged(
            ["projections", "rebuild", "--restart", "--batch-size", "10"], projection: LedgerProjection().name,
            in: store, beyond: 10)
        let again = try await staged.exec("projections", "rebuild", "--batch-size", "10")
        #expect(again.status == 0, "killed at \(position): \(again)")
        #expect(again.stderr.contains("resuming at position"), "killed at \(position): \(again.stderr)")
        #expect(try await Self.readModels(staged, store: staged.store) == models, "the models resumed")
    }
}
