import Foundation
import Testing

/// Every rule tried from the command line: refused with one clear line, its exit code, and nothing recorded.
@Suite struct RefusalCLITests {
    /// Runs a command that must fail; checks the code, the one-line message and that the log did not move.
    func refused(
        _ cli: CLI, _ arguments: [String], code: Int32, mentions: String, stdin: String? = nil,
        env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try cli.headPosition()
        let run = try cli.run(arguments, stdin: stdin, env: env)
        #expect(run.status == code, "\(arguments): \(run)", sourceLocation: sourceLocation)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line on stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.localizedCaseInsensitiveContains(mentions), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(try cli.headPosition() == before, "nothing recorded by \(arguments)", sourceLocation: sourceLocation)
    }

    @Test func channelRulesAreRefused() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let sandbox = try SandboxAccounts(cli)
        // With no connected app there is no transport to take and nothing to create.
        try refused(cli, ["channels", "create", "Early"], code: 3, mentions: "connected-app register")
        try refused(
            cli, ["channels", "create", "Early", "--transport", "sandbox"], code: 3, mentions: "connected-app register")
        _ = try cli.prepared()

        let us = sandbox.accounts[0]
        let eu = sandbox.accounts[1]
        try cli.readyChannel("US Store", us)
        try refused(
            cli, ["channels", "create", "  us store ", "--transport", "sandbox"], code: 3, mentions: "already exists")
        try refused(cli, ["channels", "create", "DEFAULT", "--transport", "sandbox"], code: 3, mentions: "reserved")
        try refused(cli, ["channels", "create", "X", "--transport", "carrier-pigeon"], code: 64, mentions: "sandbox")
        #expect(try cli("channels", "create", "EU Store", "--transport", "sandbox").status == 0)
        try refused(
            cli,
            [
                "channels", "credentials", "EU Store", "--client-id", eu.clientId, "--target-id", us.targetId,
                "--client-secret-stdin",
            ],
            code: 3, mentions: "US Store", stdin: eu.clientSecret)
        try refused(cli, ["channels", "launch", "EU Store"], code: 3, mentions: "EU Store")
        try refused(cli, ["channels", "rename", "EU Store", "us STORE"], code: 3, mentions: "already exists")
        try refused(cli, ["channels", "show", "Nowhere"], code: 4, mentions: "channels list")
        try refused(cli, ["mappings", "activate", "EU Store", "shipping"], code: 4, mentions: "shipping")
        try refused(
            cli, ["mappings", "configure", "EU Store", "order", "--field", "Status=not-a-source"], code: 3,
            mentions: "source")

        // A mapping with a required field unassigned cannot activate; changing an active one is refused.
        #expect(try cli("mappings", "configure", "EU Store", "refund", "--field", "TotalAmount=").status == 0)
        try refused(cli, ["mappings", "activate", "EU Store", "refund"], code: 3, mentions: "TotalAmount")
        try refused(
            cli, ["mappings", "configure", "US Store", "order", "--object", "CustomOrder__c"], code: 3,
            mentions: "deactivate")

        try refused(
            cli, ["mappings", "configure", "EU Store", "order", "--field", "Status"], code: 64,
            mentions: "--field Status needs the form SF_FIELD=SOURCE")

        #expect(try cli("channels", "launch", "US Store").status == 0)
        // On a live channel the hint is a deactivation that works: with --suspend.
        try refused(
            cli, ["mappings", "configure", "US Store", "order", "--object", "CustomOrder__c"], code: 3,
            mentions: #"`channel-ledger mappings deactivate "US Store" order --suspend`"#)
        try refused(cli, ["mappings", "deactivate", "US Store", "refund"], code: 3, mentions: "--suspend")
        let suspend = try cli("mappings", "deactivate", "US Store", "refund", "--suspend", "--json")
        #expect(suspend.status == 0, "\(suspend)")
        #expect(try suspend.object()["status"] as? String == "suspended")
        try refused(cli, ["channels", "resume", "US Store"], code: 3, mentions: "refund")
        #expect(try cli("mappings", "activate", "US Store", "refund").status == 0)
        #expect(try cli("channels", "resume", "US Store").status == 0)

        // Archived is terminal and frees the target ID.
        #expect(try cli("channels", "archive", "US Store").status == 0)
        try refused(cli, ["channels", "launch", "US Store"], code: 3, mentions: "archived")
        let reuse = try cli(
            "channels", "credentials", "EU Store", "--client-id", us.clientId, "--target-id", us.targetId,
            "--client-secret-stdin", stdin: us.clientSecret)
        #expect(reuse.status == 0, "\(reuse)")
    }

    @Test func serviceRejectionIsRecordedAndUnreachableServiceIsNot() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        let us = sandbox.accounts[0]
        try cli.readyChannel("US Store", us)
        #expect(try cli("channels", "launch", "US Store").status == 0)

        // Rotation with a wrong secret: the failure is recorded, the old credentials stay in force.
        let rotate = try cli(
            "channels", "credentials", "US Store", "--client-id", us.clientId, "--target-id", us.targetId,
            "--client-secret-stdin", stdin: "not-the-secret")
        #expect(rotate.status == 0, "\(rotate)")
        let before = try cli.headPosition()
        let unreachable = try cli("channels", "authorize", "US Store", env: ["CHANNEL_LEDGER_SANDBOX_UNAVAILABLE": "1"])
        #expect(unreachable.status == 6, "\(unreachable)")
        #expect(try cli.headPosition() == before, "an unreachable service records nothing")
        let rejected = try cli("channels", "authorize", "US Store", "--json")
        #expect(rejected.status == 5, "\(rejected)")
        #expect(rejected.stderr.split(separator: "\n").count == 1)
        #expect(try cli.headPosition() == before + 1, "the rejection is recorded")
        let state = try rejected.object()
        #expect(state["status"] as? String == "live")
        #expect(state["credentials"] as? String == "failed")
        let failed = try cli("history", "--type", "AuthorizationFailed", "--json").lines()
        #expect(failed.count == 1)
        #expect(!cli.printed.contains("not-the-secret"))
        #expect(cli.storeBytes().range(of: Data("not-the-secret".utf8)) == nil)
    }

    @Test func secretsNeverComeFromATerminalLessPrompt() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        #expect(try cli("channels", "create", "US Store", "--transport", "sandbox").status == 0)
        let us = sandbox.accounts[0]
        // No --client-secret-stdin and no terminal (the harness runs every command under setsid): one line, at once.
        try refused(
            cli, ["channels", "credentials", "US Store", "--client-id", us.clientId, "--target-id", us.targetId],
            code: 64, mentions: "--client-secret-stdin")
        try refused(
            cli,
            [
                "connected-app", "register", "--consumer-key", "k", "--my-domain", "https://x.my.salesforce.com",
                "--transport", "sandbox",
            ],
            code: 64, mentions: "--consumer-secret-stdin")
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        for arguments in [
            ["history", "--stream", "Channel"], ["history", "--since", "yesterday"],
            ["channels", "create", "X", "--transport", "sandbox", "--actor", " "],
            ["mappings", "activate", "X"], ["mappings", "configure", "X", "order", "--field", "Status"],
        ] {
            let run = try cli.run(arguments)
            #expect(run.status == 64, "\(arguments): \(run)")
        }
    }

    @Test func aWrongKeyIsNamedBeforeAnySecretIsAskedFor() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        #expect(try cli("channels", "create", "US Store", "--transport", "sandbox").status == 0)
        let wrongKey = Data(repeating: 7, count: 32).base64EncodedString()
        // No --client-secret-stdin and no terminal: the key problem must win over the prompt.
        try refused(
            cli, ["channels", "credentials", "US Store", "--client-id", "c", "--target-id", "t"], code: 9,
            mentions: "key check", env: ["CHANNEL_LEDGER_MASTER_KEY": wrongKey])
        // So must a rule of the domain: a bad client ID is refused before the prompt.
        try refused(
            cli, ["channels", "credentials", "US Store", "--client-id", "has space", "--target-id", "t"], code: 3,
            mentions: "client ID")
        let blankActor = try cli("history", "--actor", " ")
        #expect(blankActor.status == 64, "\(blankActor)")
        #expect(blankActor.stderr.contains("--actor"))
    }

    @Test func initCleansUpAfterItselfAndNamesFolders() throws {
        let cli = try CLI()
        let unmakeable = try cli("init", "--store", "/proc/channel-ledger-test/x.sqlite")
        #expect(unmakeable.status == 9, "\(unmakeable)")
        #expect(unmakeable.stderr.split(separator: "\n").count == 1)
        #expect(unmakeable.stderr.contains("/proc/channel-ledger-test"))
        let noKeyFolder = try cli("init", env: ["XDG_CONFIG_HOME": "/proc/sys/channel-ledger-test"])
        #expect(noKeyFolder.status == 9, "\(noKeyFolder)")
        #expect(!FileManager.default.fileExists(atPath: cli.store), "a store that could not be initialized is removed")
        #expect(try cli("init").status == 0)
    }

    @Test func demoRefusesAnExistingStore() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let before = try cli.headPosition()
        let demo = try cli("demo", "--store", cli.store)
        #expect(demo.status == 3, "\(demo)")
        #expect(try cli.headPosition() == before)
    }

    @Test func logLevelWritesToStderr() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let quiet = try cli("channels", "create", "A", "--transport", "sandbox")
        #expect(quiet.stderr.isEmpty, "\(quiet)")
        let chatty = try cli("channels", "create", "B", "--transport", "sandbox", "--log-level", "debug")
        #expect(chatty.stderr.contains("recorded 1 event"), "\(chatty)")
        #expect(!chatty.stdout.contains("recorded 1 event"))
    }

    @Test func storeProblemsAreNamed() throws {
        let cli = try CLI()
        let missing = try cli("channels", "list")
        #expect(missing.status == 4)
        #expect(missing.stderr.contains("channel-ledger init"))
        _ = try cli.prepared()
        #expect(try cli("channels", "create", "US Store", "--transport", "sandbox").status == 0)
        let wrongKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let run = try cli(
            "channels", "credentials", "US Store", "--client-id", "c", "--target-id", "t", "--client-secret-stdin",
            stdin: "s", env: ["CHANNEL_LEDGER_MASTER_KEY": wrongKey])
        #expect(run.status == 9, "\(run)")
        #expect(run.stderr.contains("key check"))
        let malformed = try cli("status", "--json", env: ["CHANNEL_LEDGER_MASTER_KEY": "short"]).object()
        #expect(malformed["keySource"] is NSNull)
        #expect((malformed["keyProblem"] as? String)?.contains("CHANNEL_LEDGER_MASTER_KEY") == true)

        // A key file others can read is refused, as ssh refuses such a private key.
        let keys = cli.folder.appendingPathComponent("config/channel-ledger/keys")
        let keyFile = keys.appendingPathComponent(
            try #require(try FileManager.default.contentsOfDirectory(atPath: keys.path).first))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
        let exposed = try cli(
            "channels", "credentials", "US Store", "--client-id", "c", "--target-id", "t", "--client-secret-stdin",
            stdin: "s")
        #expect(exposed.status == 9, "\(exposed)")
        #expect(exposed.stderr.contains("chmod 600"))

        // A file that is not a store is named as such, with its own exit code.
        let notAStore = cli.folder.appendingPathComponent("notes.txt").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: notAStore))
        let wrongFile = try cli("channels", "list", "--store", notAStore)
        #expect(wrongFile.status == 9, "\(wrongFile)")
        #expect(wrongFile.stderr.contains("not a channel-ledger store"))
    }
}
