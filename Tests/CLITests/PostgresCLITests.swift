import Foundation
import Testing

/// The CLI on PostgreSQL: several processes (think: several hosts) writing to one store.
///
/// The server comes from `CHANNEL_LEDGER_TEST_POSTGRES_URL` (`make postgres` starts one);
/// without one the suite is skipped locally and fails under `CI=true`.
@Suite(.enabled(if: PostgresCLIServer.url != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
struct PostgresCLITests {
    /// A store URL in a fresh schema of the test database.
    func storeURL() throws -> String {
        let url = try #require(
            PostgresCLIServer.url,
            "CI=true but no PostgreSQL answers at \(PostgresCLIServer.baseURL); run `make postgres`")
        return url + (url.contains("?") ? "&" : "?") + "schema=cli_\(UUID().uuidString.prefix(8).lowercased())"
    }

    @Test func eightProcessesAppendingToOneStoreLoseNothing() throws {
        let cli = try CLI()
        let store = try storeURL()
        let sandbox = try SandboxAccounts(cli)
        #expect(try cli("init", "--store", store).status == 0)
        let again = try cli("init", "--store", store)
        #expect(again.status == 0 && again.stdout.contains("already exists"), "\(again)")
        let register = try cli(
            "connected-app", "register", "--consumer-key", sandbox.consumerKey, "--my-domain", sandbox.myDomain,
            "--consumer-secret-stdin", "--transport", "sandbox", "--store", store, stdin: sandbox.consumerSecret)
        #expect(register.status == 0, "\(register)")

        let names = (1...8).map { "Host \($0)" }
        let started = try names.map {
            try cli.start(["channels", "create", $0, "--transport", "sandbox", "--store", store])
        }
        let contested = try (1...4).map { _ in
            try cli.start(["channels", "create", "Contested", "--transport", "sandbox", "--store", store])
        }
        let runs = (started + contested).map { process, out, err in
            process.waitUntilExit()
            return cli.finish(process, out, err)
        }
        for run in runs.prefix(8) { #expect(run.status == 0, "\(run)") }
        let contestedRuns = runs.suffix(4)
        #expect(contestedRuns.filter { $0.status == 0 }.count == 1, "exactly one winner: \(contestedRuns)")
        for loser in contestedRuns where loser.status != 0 {
            #expect(loser.status == 3 && loser.stderr.contains("already exists"), "\(loser)")
        }
        let listed = try cli("channels", "list", "--json", "--store", store).array().compactMap {
            $0["name"] as? String
        }
        #expect(Set(listed) == Set(names + ["Contested"]))
        let verify = try cli("verify", "--json", "--store", store)
        #expect(verify.status == 0, "\(verify)")
        #expect(try verify.object()["headPosition"] as? Int == 1 + 2 + 9, "ledger + 2 app events + 9 channels")
        #expect(!cli.printed.contains(sandbox.consumerSecret))
    }

    @Test func thePasswordInTheURLIsNeverPrinted() throws {
        let cli = try CLI()
        let plain = try storeURL()
        let store = plain.replacingOccurrences(of: "postgres://postgres@", with: "postgres://postgres:pw-not-shown-42@")
        try #require(store != plain, "the test URL names the user postgres")
        let notYet = try cli("status", "--store", store)
        #expect(notYet.status == 4 && notYet.stderr.contains("init"), "no store there yet: \(notYet)")
        let schema = try #require(plain.split(separator: "=").last.map(String.init))
        #expect(
            try PostgresCLIServer.query("SELECT count(*) FROM pg_namespace WHERE nspname = '\(schema)'") == "0",
            "a command other than init creates nothing")
        #expect(try cli("init", "--store", store).status == 0)
        #expect(try cli("init", "--store", store).status == 0)
        #expect(try cli("status", "--store", store).status == 0)
        #expect(try cli("status", "--json", "--store", store).status == 0)
        #expect(try cli("verify", "--store", store).status == 0)
        #expect(!cli.printed.contains("pw-not-shown-42"), "\(cli.printed)")
    }

    /// Moving a store to PostgreSQL: export the SQLite store, import it, and everything reads the same.
    @Test func aStoreMovesToPostgresByExportAndImportAndRebuildsThere() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US", sandbox.accounts[0])
        try cli.readyChannel("EU", sandbox.accounts[1])
        #expect(try cli("channels", "rename", "EU", "Europe").status == 0)
        let file = cli.folder.appendingPathComponent("move.jsonl").path
        #expect(try cli("export", file).status == 0)

        let store = try storeURL()
        let imported = try cli("import", file, "--store", store, "--json")
        #expect(imported.status == 0, "\(imported)")
        let head = try cli.headPosition()
        #expect(try imported.object()["headPosition"] as? Int == head)
        #expect(try cli("history", "--json", "--store", store).stdout == (try cli("history", "--json").stdout))
        let listed = try cli("channels", "list", "--json").stdout
        #expect(try cli("channels", "list", "--json", "--store", store).stdout == listed)
        #expect(try cli("verify", "--store", store).status == 0)

        let rebuild = try cli("projections", "rebuild", "--batch-size", "7", "--store", store)
        #expect(rebuild.status == 0, "\(rebuild)")
        #expect(try cli("channels", "list", "--json", "--store", store).stdout == listed)
        let status = try #require(try cli("projections", "status", "--json", "--store", store).array().first)
        #expect(status["state"] as? String == "current" && status["checkpoint"] as? Int == head)
        let before = try cli("channels", "show", "EU", "--as-of", "@\(head - 1)", "--json", "--store", store)
        #expect(try before.object()["name"] as? String == "EU", "\(before)")

        let backup = try cli("backup", cli.folder.appendingPathComponent("pg.bak").path, "--store", store)
        #expect(backup.status == 3 && backup.stderr.contains("pg_dump"), "\(backup)")
        #expect(!cli.printed.contains(sandbox.accounts[0].clientSecret))
    }

    @Test func anUnreachableServerIsNamedInOneLine() throws {
        let cli = try CLI()
        let run = try cli("channels", "list", "--store", "postgres://postgres@127.0.0.1:1/nowhere")
        #expect(run.status == 6, "\(run)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run)")
    }
}

/// The PostgreSQL server of the CLI tests, probed once with `psql`.
enum PostgresCLIServer {
    static let baseURL =
        ProcessInfo.processInfo.environment["CHANNEL_LEDGER_TEST_POSTGRES_URL"]
        ?? "postgres://postgres@127.0.0.1:5432/channel_ledger_test"

    /// One value from `psql` on the test database.
    static func query(_ sql: String) throws -> String {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["psql", baseURL, "-qtAc", sql]
        let output = Pipe()
        probe.standardOutput = output
        try probe.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes the data of every table of `schema` to `path` with `pg_dump`; whether it succeeded.
    static func dump(schema: String, to path: String) throws -> Bool {
        let dump = Process()
        dump.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        dump.arguments = ["pg_dump", "--data-only", "--schema", schema, "--file", path, baseURL]
        try dump.run()
        dump.waitUntilExit()
        return dump.terminationStatus == 0
    }

    /// The base URL when `psql` can reach it.
    static let url: String? = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["psql", baseURL, "-qtAc", "SELECT 1"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? baseURL : nil
    }()
}

extension PostgresCLITests {
    @Test func aSingleAccountLedgerImportedIntoPostgreSQLIsRefusedThenUpgraded() throws {
        let cli = try CLI.onFormatZeroCopy()
        let store = try storeURL()
        let file = cli.path("format-0.jsonl")
        #expect(try cli("export", file).status == 0)
        let imported = try cli("import", file, "--store", store)
        #expect(imported.status == 0, "\(imported)")

        let refused = try cli("orders", "list", "--store", store)
        #expect(refused.status == 9 && refused.stderr.contains("single-account ledger (format 0)"), "\(refused)")
        let upgrade = try cli("upgrade", "--json", "--store", store)
        #expect(upgrade.status == 0, "\(upgrade)")
        let outcome = try upgrade.object()
        #expect(outcome["upgraded"] as? Bool == true)
        #expect((outcome["ordersAssociated"] as? Int ?? 0) >= 10)
        let orders = try cli("orders", "list", "--json", "--store", store).array()
        #expect(!orders.isEmpty && orders.allSatisfy { $0["channel"] as? String == "Default" })
        #expect(try cli("verify", "--store", store).status == 0)
        #expect(try cli("upgrade", "--store", store).stdout.contains("already format 1"))
    }
}

extension PostgresCLITests {
    /// Two `serve` processes on one PostgreSQL store, each running the publisher, against one org:
    /// every change reaches the org once, whichever of them makes it.
    @Test(.timeLimit(.minutes(3)))
    func twoServesOnOneStorePublishEachChangeOnce() async throws {
        var cli = try CLI()
        cli.environment["CHANNEL_LEDGER_STORE"] = try storeURL()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        let sandbox = try await PublishCLITests.usStore(cli, server, then: PublishCLITests.launched)
        try await offThePool { [cli] in try cli.addWebhookSubscription(sandbox) }
        try await PublishCLITests.importSandboxWebhooks(cli)

        // Started together, so both publishers' first passes race for the same work.
        async let starting = WebhookServe.start(cli, arguments: ["--publish-every", "1"])
        let second = try await WebhookServe.start(cli, arguments: ["--publish-every", "1"])
        defer { second.kill() }
        let first = try await starting
        defer { first.kill() }
        // Both publishers wake at start and every second; wait until only the two orders the org
        // lacks are left (polling, not a timed assertion).
        var settled = false
        for _ in 0..<240 where !settled {
            let status = try await cli.exec("publish", "status", "--json").object()
            settled =
                (status["pendingChannels"] as? [String])?.isEmpty == true && status["pendingOrders"] as? Int == 2
            if !settled { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(settled, "the serves published what the org can take")
        // Let both wake a few more times over nothing new.
        try await Task.sleep(for: .seconds(2))
        _ = try await first.stop()
        _ = try await second.stop()

        let (log, _) = try await server.requests()
        let calls = log.map { "\($0["method"] ?? "") \($0["path"] ?? "")" }
        #expect(calls.filter { $0.hasSuffix("/sobjects/SalesChannel/") }.count == 1, "created once: \(calls)")
        #expect(calls.filter { $0.hasSuffix("/composite") }.count == 1, "18 orders, one batch, once: \(calls)")
        let channel = try await cli.exec("history", "--type", "SalesChannelPublished", "--json").lines()
        #expect(channel.count == 1)
        let orders = try await cli.exec("history", "--type", "OrderPublished", "--json").lines()
        #expect(orders.count == 18 && Set(orders.compactMap { $0["stream"] as? String }).count == 18)
        #expect(orders.allSatisfy { $0["actor"] as? String == "publisher" })
        #expect(try await cli.exec("verify").status == 0)
    }
}
