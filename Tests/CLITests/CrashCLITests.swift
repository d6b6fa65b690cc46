import ChannelLedgerTesting
import Foundation
import Testing

/// The crash harness: a real `channel-ledger` doing bulk work, killed with SIGKILL at seeded random
/// moments. After every kill `verify` passes, the log is a clean prefix of what was being written,
/// the read models equal a fresh rebuild, and finishing the work ends as a run never interrupted.
///
/// The scenarios: `orders import`, `import` and `restore` into a new path, `init`, a burst of channel
/// commands, `projections rebuild`, `publish` and `serve` under webhook load on SQLite (this file
/// and its `+Rebuild`, `+Publish`, `+Serve` extensions), and the PostgreSQL ones (`+Postgres…`).
/// `make test` kills each scenario a few times (52 kills on SQLite, 18 kills and 3 server restarts
/// on PostgreSQL); `make soak` sets `CHANNEL_LEDGER_SOAK_KILLS` (500) and spreads that many over
/// the scenarios by their shares (which sum to 1), and prints the figures. A failure names the
/// seed and the kill; `CHANNEL_LEDGER_CRASH_SEED` repeats a run.
@Suite(.serialized)
struct CrashCLITests {
    /// Kills per scenario: `make test`'s, or the soak's total spread by each scenario's share.
    static func kills(_ bounded: Int, share: Double) -> Int {
        guard let total = ProcessInfo.processInfo.environment["CHANNEL_LEDGER_SOAK_KILLS"].flatMap(Int.init) else {
            return bounded
        }
        return max(bounded, Int((Double(total) * share).rounded()))
    }

    /// The seed of this run, printed with every failure.
    static let seed: UInt64 =
        ProcessInfo.processInfo.environment["CHANNEL_LEDGER_CRASH_SEED"].flatMap { UInt64($0, radix: 16) }
        ?? 0x5eed_0018

    /// The harness's master key (a test key, not a secret), so that copies of a store open.
    static let key = "Y3Jhc2gtaGFybmVzcy1rZXktbm90LWEtc2VjcmV0ISE="

    /// A ledger with two live channels on the in-process sandbox, a fixed master key (so copies
    /// open), and no order yet.
    static func twoLiveChannels() async throws -> (CLI, SandboxAccounts) {
        var cli = try CLI()
        cli.environment["CHANNEL_LEDGER_MASTER_KEY"] = Self.key
        let ready = cli
        let sandbox = try await offThePool { try ready.prepared() }
        for (name, account) in [("US Store", sandbox.accounts[0]), ("EU Store", sandbox.accounts[1])] {
            try await offThePool { try ready.readyChannel(name, account) }
            try #require(try await cli.exec("channels", "launch", name).status == 0)
        }
        return (cli, sandbox)
    }

    /// The sandbox's webhooks for `orders` orders, written to `hooks.jsonl` in `cli`'s folder; its path.
    static func webhookFile(_ cli: CLI, orders: Int) async throws -> String {
        let hooks = cli.path("hooks.jsonl")
        try (try await cli.exec("sandbox", "webhooks", "--orders", String(orders))).stdout.write(
            toFile: hooks, atomically: true, encoding: .utf8)
        return hooks
    }

    /// Starts `arguments` and kills it with SIGKILL `moment` seconds later, unless it ends first.
    static func kill(_ cli: CLI, _ arguments: [String], stdin: String? = nil, after moment: TimeInterval)
        async throws -> KillOutcome
    {
        let started = Date()
        let (process, out, err) = try cli.start(arguments, stdin: stdin, direct: true)
        if let ran = try await KillOutcome.wait(for: process, startedAt: started, until: moment) {
            _ = try await offThePool { cli.finish(process, out, err) }
            return .endedFirst(after: ran)
        }
        return try await offThePool {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            _ = cli.finish(process, out, err)
            return process.terminationReason == .uncaughtSignal
                ? .midRun : .endedFirst(after: Date().timeIntervalSince(started))
        }
    }

    /// What `channels list` and `orders list` print for the store at `store`, as JSON.
    static func readModels(_ cli: CLI, store: String) async throws -> [String] {
        [
            try await cli.exec("channels", "list", "--json", "--store", store).stdout,
            try await cli.exec("orders", "list", "--json", "--limit", "100000", "--store", store).stdout,
        ]
    }

    /// Runs the interrupted `orders import` of `hooks` again: it completes, and the ledger ends as
    /// the uninterrupted run's `expected` snapshot.
    static func finishOrdersImport(_ cli: CLI, _ hooks: String, endsAs expected: LedgerSnapshot, _ label: String)
        async throws
    {
        let finish = try await cli.exec("orders", "import", hooks)
        #expect(finish.status == 0, "\(label): \(finish)")
        let got = try await offThePool { try LedgerSnapshot(cli) }
        #expect(got == expected, "\(label): \(got.differences(from: expected))")
    }

    /// Runs the interrupted `import` of `export` into `store` again: it completes, and the store
    /// holds the source's whole log (its `head` hash), verifies, and reads as the source's `models`.
    /// The import scenarios' source: two live channels and 500 imported orders, its export, its
    /// head hash and read models, and how long an uninterrupted import of the export into the
    /// store `target` names took.
    static func importScenario(into target: (CLI) throws -> String) async throws -> (
        source: CLI, export: String, head: String?, models: [String], duration: TimeInterval
    ) {
        let (source, _) = try await twoLiveChannels()
        let hooks = try await Self.webhookFile(source, orders: 500)
        #expect(try await source.exec("orders", "import", hooks).status == 0)
        let export = source.path("export.jsonl")
        #expect(try await source.exec("export", export).status == 0)
        let head = try await source.exec("status", "--json").object()["headHash"] as? String
        let models = try await readModels(source, store: source.store)
        let store = try target(source)
        let started = Date()
        #expect(try await source.exec("import", export, "--store", store).status == 0)
        return (source, export, head, models, Date().timeIntervalSince(started))
    }

    static func finishImport(
        _ cli: CLI, _ export: String, into store: String, head: String?, models: [String], _ label: String
    ) async throws {
        let again = try await cli.exec("import", export, "--store", store)
        #expect(again.status == 0, "\(label): the same command completes: \(again)")
        let status = try await cli.exec("status", "--json", "--store", store).object()
        #expect(status["headHash"] as? String == head, "\(label): the whole log, byte for byte")
        #expect(try await cli.exec("verify", "--store", store).status == 0, "\(label)")
        // The import left its read models to a rebuild (decision 28): they are the source's.
        #expect(try await Self.readModels(cli, store: store) == models, "\(label): the source's read models")
    }

    /// What holds after any kill: `verify` passes, and the read models equal a fresh rebuild.
    static func checkAfterKill(_ cli: CLI, _ label: String) async throws {
        let verify = try await cli.exec("verify")
        #expect(verify.status == 0, "\(label): \(verify)")
        let channels = try await cli.exec("channels", "list", "--json").stdout
        let orders = try await cli.exec("orders", "list", "--json", "--limit", "100000").stdout
        let rebuild = try await cli.exec("projections", "rebuild", "--restart")
        #expect(rebuild.status == 0, "\(label): \(rebuild)")
        #expect(
            try await cli.exec("channels", "list", "--json").stdout == channels,
            "\(label): channels equal a fresh rebuild")
        #expect(
            try await cli.exec("orders", "list", "--json", "--limit", "100000").stdout == orders,
            "\(label): orders equal a fresh rebuild")
    }

    @Test func ordersImportKilledAtRandomMomentsEndsAsAnUninterruptedOne() async throws {
        let (base, _) = try await Self.twoLiveChannels()
        let hooks = try await Self.webhookFile(base, orders: 100)
        let confirmed = try Self.confirmedOrderIds(hooks)
        let reference = try base.copy()
        let started = Date()
        #expect(try await reference.exec("orders", "import", hooks).status == 0)
        let duration = Date().timeIntervalSince(started)
        let expected = try await offThePool { try LedgerSnapshot(reference) }

        var schedule = KillSchedule(seed: Self.seed ^ 0x01, duration: duration)
        for kill in 0..<Self.kills(10, share: 0.15) {
            let cli = try base.copy()
            let moment = schedule.nextMoment()
            let label = "seed \(String(Self.seed, radix: 16)) orders-import kill \(kill) at \(moment) s"
            schedule.record(try await Self.kill(cli, ["orders", "import", hooks], after: moment))
            try await Self.checkAfterKill(cli, label)
            // A clean prefix: the orders received are the file's first ones, each line whole (an
            // order of a live channel's target is never received without its association).
            let log = try await cli.exec("history", "--json").lines()
            let received = log.filter { $0["type"] as? String == "OrderReceived" }.compactMap {
                ($0["stream"] as? String).map { String($0.dropFirst("order:".count)) }
            }
            #expect(received == Array(confirmed.prefix(received.count)), "\(label): a prefix of the file")
            let associated = Set(
                log.filter { $0["type"] as? String == "OrderAssociated" }.compactMap { $0["stream"] as? String })
            let live = try await Self.liveTargets(cli)
            let lone = log.filter {
                $0["type"] as? String == "OrderReceived" && !associated.contains($0["stream"] as? String ?? "")
                    && live.contains(($0["payload"] as? [String: Any])?["targetId"] as? String ?? "")
            }
            #expect(lone.isEmpty, "\(label): \(lone.count) orders received without their association")

            try await Self.finishOrdersImport(cli, hooks, endsAs: expected, label)
        }
        Self.report("orders import", kills: Self.kills(10, share: 0.15), interrupted: schedule.interrupted)
        #expect(schedule.interrupted >= 1, "kills land while the import runs (\(schedule.interrupted))")
    }

    @Test func anImportIntoANewStoreKilledAtRandomMomentsCompletesWhenRunAgain() async throws {
        let (source, export, head, models, duration) = try await Self.importScenario { $0.path("timing.sqlite") }

        var schedule = KillSchedule(seed: Self.seed ^ 0x02, duration: duration)
        for kill in 0..<Self.kills(8, share: 0.1) {
            let store = source.path("new-\(kill).sqlite")
            let moment = schedule.nextMoment()
            let label = "seed \(String(Self.seed, radix: 16)) import kill \(kill) at \(moment) s"
            schedule.record(try await Self.kill(source, ["import", export, "--store", store], after: moment))
            if FileManager.default.fileExists(atPath: store) {
                let verify = try await source.exec("verify", "--store", store)
                // Killed before the first events, or before the schema: a store that says so and how to go on.
                #expect(
                    verify.status == 0 || verify.stderr.contains("holds no ledger yet")
                        || verify.stderr.contains("left unfinished by an interrupted"),
                    "\(label): what was written verifies: \(verify)")
            }
            try await Self.finishImport(source, export, into: store, head: head, models: models, label)
        }
        Self.report("import into a new store", kills: Self.kills(8, share: 0.1), interrupted: schedule.interrupted)
        #expect(schedule.interrupted >= 1, "kills land while the import runs (\(schedule.interrupted))")
    }

    @Test func aRestoreKilledAtRandomMomentsCompletesWhenRunAgain() async throws {
        let (source, _) = try await Self.twoLiveChannels()
        let hooks = try await Self.webhookFile(source, orders: 100)
        #expect(try await source.exec("orders", "import", hooks).status == 0)
        let backup = source.path("backup.sqlite")
        #expect(try await source.exec("backup", backup).status == 0)
        let head = try await source.exec("status", "--json").object()["headHash"] as? String
        let folder = source.path("restored")
        let started = Date()
        #expect(try await source.exec("restore", backup, "--store", folder + "/timing.sqlite").status == 0)
        let duration = Date().timeIntervalSince(started)

        var schedule = KillSchedule(seed: Self.seed ^ 0x04, duration: duration)
        for kill in 0..<Self.kills(6, share: 0.05) {
            let store = folder + "/new-\(kill).sqlite"
            let moment = schedule.nextMoment()
            let label = "seed \(String(Self.seed, radix: 16)) restore kill \(kill) at \(moment) s"
            schedule.record(try await Self.kill(source, ["restore", backup, "--store", store], after: moment))
            if FileManager.default.fileExists(atPath: store) {
                #expect(try await source.exec("verify", "--store", store).status == 0, "\(label): whole or absent")
            }
            let again = try await source.exec("restore", backup, "--store", store)
            #expect(again.status == 0, "\(label): the same command completes: \(again)")
            let status = try await source.exec("status", "--json", "--store", store).object()
            #expect(status["headHash"] as? String == head, "\(label): the backup's whole log")
            let litter = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".partial-") }
            #expect(litter.isEmpty, "\(label): no partial copy left behind: \(litter)")
        }
        let twice = try await source.exec("restore", backup, "--store", folder + "/timing.sqlite")
        #expect(twice.status == 0 && twice.stdout.contains("already restored"), "a finished restore again: \(twice)")
        let other = source.path("other.sqlite")
        #expect(try await source.exec("init", "--store", other).status == 0)
        let refused = try await source.exec("restore", backup, "--store", other)
        #expect(
            refused.status == 64 && refused.stderr.contains("exists"), "another store is never replaced: \(refused)")
        Self.report("restore into a new store", kills: Self.kills(6, share: 0.05), interrupted: schedule.interrupted)
        #expect(schedule.interrupted >= 1, "kills land while the restore runs (\(schedule.interrupted))")
    }

    @Test func anInitKilledAtRandomMomentsCompletesWhenRunAgain() async throws {
        var cli = try CLI()
        cli.environment["CHANNEL_LEDGER_MASTER_KEY"] = Self.key
        let folder = cli.path("stores")
        let started = Date()
        #expect(try await cli.exec("init", "--store", folder + "/timing.sqlite").status == 0)
        let duration = Date().timeIntervalSince(started)

        var schedule = KillSchedule(seed: Self.seed ^ 0x05, duration: duration)
        for kill in 0..<Self.kills(6, share: 0.08) {
            let store = folder + "/new-\(kill).sqlite"
            let moment = schedule.nextMoment()
            let label = "seed \(String(Self.seed, radix: 16)) init kill \(kill) at \(moment) s"
            schedule.record(try await Self.kill(cli, ["init", "--store", store], after: moment))
            let again = try await cli.exec("init", "--store", store)
            #expect(again.status == 0, "\(label): the same command completes: \(again)")
            #expect(try await cli.exec("verify", "--store", store).status == 0, "\(label)")
            let history = try await cli.exec("history", "--json", "--store", store).lines()
            #expect(
                history.map { $0["type"] as? String } == ["LedgerInitialized"], "\(label): initialized once: \(history)"
            )
        }
        Self.report("init of a new store", kills: Self.kills(6, share: 0.08), interrupted: schedule.interrupted)
        #expect(schedule.interrupted >= 1, "kills land while init runs (\(schedule.interrupted))")
    }

    /// The channel commands of a set-up and a day's changes, in order.
    static func channelBurst(_ sandbox: SandboxAccounts) -> [Step] {
        let (us, eu) = (sandbox.accounts[0], sandbox.accounts[1])
        return [
            (["channels", "create", "US Store", "--transport", "sandbox"], nil),
            (
                [
                    "channels", "credentials", "US Store", "--client-id", us.clientId, "--target-id", us.targetId,
                    "--client-secret-stdin",
                ], us.clientSecret
            ),
            (["channels", "authorize", "US Store"], nil),
            (["mappings", "activate", "US Store", "--all"], nil),
            (["channels", "launch", "US Store"], nil),
            (["channels", "create", "EU Store", "--transport", "sandbox"], nil),
            (
                [
                    "channels", "credentials", "EU Store", "--client-id", eu.clientId, "--target-id", eu.targetId,
                    "--client-secret-stdin",
                ], eu.clientSecret
            ),
            (["channels", "authorize", "EU Store"], nil),
            (["mappings", "activate", "EU Store", "--all"], nil),
            (["channels", "launch", "EU Store"], nil),
            (["channels", "suspend", "US Store", "--reason", "stocktake"], nil),
            (["channels", "rename", "EU Store", "EU Shop"], nil),
            (["channels", "resume", "US Store"], nil),
            (["channels", "create", "Outlet", "--transport", "sandbox"], nil),
            (["channels", "archive", "Outlet"], nil),
            (["rules", "add", "eu-currency", "--channel", "EU Shop", "--when", "currency in EUR,GBP"], nil),
        ]
    }

    /// One command of ``channelBurst(_:)``: its arguments and what it reads on stdin.
    typealias Step = (arguments: [String], stdin: String?)

    /// Runs `burst` on `reference` uninterrupted: how long each step took, and the ledger it ends with.
    static func uninterrupted(_ burst: [Step], on reference: CLI) async throws
        -> (durations: [TimeInterval], expected: LedgerSnapshot)
    {
        var durations: [TimeInterval] = []
        for step in burst {
            let started = Date()
            let run = try await reference.exec(arguments: step.arguments, stdin: step.stdin)
            durations.append(Date().timeIntervalSince(started))
            #expect(run.status == 0, "\(step.arguments): \(run)")
        }
        return (durations, try await offThePool { try LedgerSnapshot(reference) })
    }

    /// Runs `burst` on `cli` with step `index` killed `moment` seconds in: the checks after a kill
    /// hold, the killed step run again is done or refused as done, the steps after it succeed, and
    /// the ledger ends as the uninterrupted run's `expected` one. How the kill landed.
    static func burstKilled(
        _ burst: [Step], on cli: CLI, at index: Int, after moment: TimeInterval, endsAs expected: LedgerSnapshot,
        _ label: String
    ) async throws -> KillOutcome {
        for step in burst[..<index] { _ = try await cli.exec(arguments: step.arguments, stdin: step.stdin) }
        let step = burst[index]
        let outcome = try await Self.kill(cli, step.arguments, stdin: step.stdin, after: moment)
        try await Self.checkAfterKill(cli, label)
        // The killed command again: done, or refused because it was done before the kill.
        let again = try await cli.exec(arguments: step.arguments, stdin: step.stdin)
        #expect([0, 3, 4].contains(again.status), "\(label): \(again)")
        for step in burst[(index + 1)...] {
            let run = try await cli.exec(arguments: step.arguments, stdin: step.stdin)
            #expect(run.status == 0, "\(label): \(run)")
        }
        let got = try await offThePool { try LedgerSnapshot(cli) }
        #expect(got == expected, "\(label): \(got.differences(from: expected))")
        return outcome
    }

    @Test func aBurstOfChannelCommandsKilledAtRandomEndsAsAnUninterruptedOne() async throws {
        var base = try CLI()
        base.environment["CHANNEL_LEDGER_MASTER_KEY"] = Self.key
        let prepared = base
        let sandbox = try await offThePool { try prepared.prepared() }
        let burst = Self.channelBurst(sandbox)
        let (durations, expected) = try await Self.uninterrupted(burst, on: try base.copy())

        var schedule = KillSchedule(seed: Self.seed ^ 0x03, durations: durations)
        for kill in 0..<Self.kills(8, share: 0.1) {
            let cli = try base.copy()
            let index = schedule.nextStep()
            let moment = schedule.nextMoment(step: index)
            let label = "seed \(String(Self.seed, radix: 16)) burst kill \(kill): step \(index) at \(moment) s"
            schedule.record(
                try await Self.burstKilled(burst, on: cli, at: index, after: moment, endsAs: expected, label),
                step: index)
        }
        Self.report("channel commands", kills: Self.kills(8, share: 0.1), interrupted: schedule.interrupted)
        #expect(schedule.interrupted >= 1, "kills land while a command runs (\(schedule.interrupted))")
    }

    /// The Buy with Prime order a webhook line is about: the first order id in it.
    static func orderId(ofWebhookLine line: some StringProtocol) -> String? {
        String(line).firstMatch(of: /322-[0-9A-Z]{4}-[0-9]{6}/).map { String($0.output) }
    }

    /// The ids of the file's `ORDER_CONFIRMED` orders, in file order, each once.
    static func confirmedOrderIds(_ file: String) throws -> [String] {
        var seen: Set<String> = []
        var ids: [String] = []
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
            guard line.contains("ORDER_CONFIRMED"), let id = orderId(ofWebhookLine: line) else { continue }
            if seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }

    /// The target IDs of the live channels.
    static func liveTargets(_ cli: CLI) async throws -> Set<String> {
        let channels = try await cli.exec("channels", "list", "--json").array()
        return Set(channels.filter { $0["status"] as? String == "live" }.compactMap { $0["targetId"] as? String })
    }

    /// One line of figures for `make soak` to print.
    static func report(_ scenario: String, kills: Int, interrupted: Int) {
        print("crash figures: \(scenario): \(kills) kills, \(interrupted) mid-run, seed \(String(seed, radix: 16))")
    }
}
