import ChannelLedgerTesting
import Foundation
import Testing

/// The crash harness on PostgreSQL, on fresh schemas of the shared test server: the burst of
/// channel commands of ``CrashCLITests/channelBurst(_:)`` killed at a random step, and an `import`
/// of an export into a new schema killed at random moments. The checks are the SQLite scenarios'
/// own (``CrashCLITests/burstKilled(_:on:at:after:endsAs:_:)``,
/// ``CrashCLITests/finishImport(_:_:into:head:models:_:)``).
extension CrashCLITests.OnPostgres {
    @Test func aBurstOfChannelCommandsKilledAtRandomEndsAsAnUninterruptedOne() async throws {
        // A ledger ready for the burst (init, the connected app registered), moved to each schema by its export.
        var base = try CLI()
        base.environment["CHANNEL_LEDGER_MASTER_KEY"] = CrashCLITests.key
        let prepared = base
        let sandbox = try await offThePool { try prepared.prepared() }
        let export = base.path("prepared.jsonl")
        #expect(try await base.exec("export", export).status == 0)
        let burst = CrashCLITests.channelBurst(sandbox)
        let reference = try await Self.ledger(at: try PostgresCLITests().storeURL(), from: base, export: export)
        let (durations, expected) = try await CrashCLITests.uninterrupted(burst, on: reference)

        var schedule = KillSchedule(seed: CrashCLITests.seed ^ 0x13, durations: durations)
        let kills = CrashCLITests.kills(6, share: 0.1)
        for kill in 0..<kills {
            let cli = try await Self.ledger(at: try PostgresCLITests().storeURL(), from: base, export: export)
            let index = schedule.nextStep()
            let moment = schedule.nextMoment(step: index)
            let label =
                "seed \(String(CrashCLITests.seed, radix: 16)) postgres burst kill \(kill): step \(index) at \(moment) s"
            schedule.record(
                try await CrashCLITests.burstKilled(burst, on: cli, at: index, after: moment, endsAs: expected, label),
                step: index)
        }
        CrashCLITests.report("channel commands on PostgreSQL", kills: kills, interrupted: schedule.interrupted)
        #expect(schedule.interrupted >= 1, "kills land while a command runs (\(schedule.interrupted))")
    }

    @Test func anImportIntoANewSchemaKilledAtRandomMomentsCompletesWhenRunAgain() async throws {
        let (source, export, head, models, duration) = try await CrashCLITests.importScenario { _ in
            try PostgresCLITests().storeURL()
        }

        var schedule = KillSchedule(seed: CrashCLITests.seed ^ 0x14, duration: duration)
        let kills = CrashCLITests.kills(6, share: 0.04)
        for kill in 0..<kills {
            let store = try PostgresCLITests().storeURL()
            let moment = schedule.nextMoment()
            let label = "seed \(String(CrashCLITests.seed, radix: 16)) postgres import kill \(kill) at \(moment) s"
            schedule.record(try await CrashCLITests.kill(source, ["import", export, "--store", store], after: moment))
            // The schema appears with its tables, in the migration's one transaction, or not at all.
            let schema = try #require(store.split(separator: "=").last.map(String.init))
            let schemas = try PostgresCLIServer.query("SELECT count(*) FROM pg_namespace WHERE nspname = '\(schema)'")
            if schemas != "0" {
                let verify = try await source.exec("verify", "--store", store)
                // Killed before the first events: a store that says so and how to go on.
                #expect(
                    verify.status == 0 || verify.stderr.contains("holds no ledger yet"),
                    "\(label): what was written verifies: \(verify)")
            }
            try await CrashCLITests.finishImport(source, export, into: store, head: head, models: models, label)
        }
        CrashCLITests.report("import into a new schema on PostgreSQL", kills: kills, interrupted: schedule.interrupted)
        #expect(schedule.interrupted >= 1, "kills land while the import runs (\(schedule.interrupted))")
    }
}
