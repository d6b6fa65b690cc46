import Foundation
import Testing

/// `projections status` and `projections rebuild` typed as a user would.
@Suite struct ProjectionsCLITests {
    /// The `ledger-summary` entry of `projections status --json`, checked to list the two projections there are.
    static func summary(_ cli: CLI, store: String? = nil, named name: String = "ledger-summary") throws
        -> [String: Any]
    {
        let run = try cli.run(["projections", "status", "--json"] + (store.map { ["--store", $0] } ?? []))
        try #require(run.status == 0, "\(run)")
        let statuses = try run.array()
        try #require(statuses.compactMap { $0["name"] as? String } == ["ledger-summary", "orders"], "\(run.stdout)")
        return try #require(statuses.first { $0["name"] as? String == name })
    }

    /// Checks that the projection is current, at the head, with nothing staged.
    static func expectCurrent(
        _ status: [String: Any], head: Int, name: String = "ledger-summary",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(status["name"] as? String == name, sourceLocation: sourceLocation)
        #expect(status["state"] as? String == "current", sourceLocation: sourceLocation)
        #expect(status["lag"] as? Int == 0, sourceLocation: sourceLocation)
        #expect(status["checkpoint"] as? Int == head, "\(status)", sourceLocation: sourceLocation)
        #expect(status["head"] as? Int == head, sourceLocation: sourceLocation)
        #expect(status["version"] as? Int != nil, sourceLocation: sourceLocation)
        #expect(status["storedVersion"] as? Int == status["version"] as? Int, sourceLocation: sourceLocation)
        #expect(status["rebuild"] is NSNull, sourceLocation: sourceLocation)
    }

    @Test func statusOfAFreshStoreIsCurrentAtTheHead() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        Self.expectCurrent(try Self.summary(cli), head: 1)
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        let head = try cli.headPosition()
        Self.expectCurrent(try Self.summary(cli), head: head)
        Self.expectCurrent(try Self.summary(cli, named: "orders"), head: head, name: "orders")
        let text = try cli("projections", "status")
        #expect(text.status == 0, "\(text)")
        #expect(text.outputLines.count == 3, "a header and two projections: \(text)")
        #expect(text.outputLines[1].hasPrefix("ledger-summary") && text.outputLines[2].hasPrefix("orders"), "\(text)")
        #expect(text.outputLines.dropFirst().allSatisfy { $0.contains("current") }, "\(text)")
        #expect(try cli.headPosition() == head, "status records nothing")
    }

    @Test func rebuildKeepsTheReadModels() throws {
        let cli = try CLI()
        _ = try TransferCLITests.lifecycle(cli)
        let head = try cli.headPosition()
        let channels = try cli("channels", "list", "--json").stdout
        let details = try cli("channels", "show", "Europe", "--json").stdout
        let app = try cli("connected-app", "show", "--json").stdout
        let status = try cli("status", "--json").stdout

        let rebuild = try cli("projections", "rebuild")
        #expect(rebuild.status == 0, "\(rebuild)")
        #expect(
            rebuild.stdout
                == "rebuilt ledger-summary v5 up to position \(head)\nrebuilt orders v6 up to position \(head)\n",
            "\(rebuild)")
        #expect(try cli("channels", "list", "--json").stdout == channels)
        #expect(try cli("channels", "show", "Europe", "--json").stdout == details)
        #expect(try cli("connected-app", "show", "--json").stdout == app)
        #expect(try cli("status", "--json").stdout == status, "a rebuild records no event")
        Self.expectCurrent(try Self.summary(cli), head: head)

        // Small batches, named, from the start: the same models, and the JSON reports where they stand.
        let batches = try cli("projections", "rebuild", "ledger-summary", "--restart", "--batch-size", "2", "--json")
        #expect(batches.status == 0, "\(batches)")
        let reported = try batches.array()
        #expect(reported.count == 1)
        Self.expectCurrent(try #require(reported.first), head: head)
        #expect(try cli("channels", "list", "--json").stdout == channels)
        #expect(try cli("channels", "show", "Europe", "--json").stdout == details)
        #expect(try cli("verify").status == 0)

        // The rebuilt models serve commands as before: names are still claimed, rules still hold.
        let taken = try cli("channels", "create", "europe", "--transport", "sandbox")
        #expect(taken.status == 3, "\(taken)")
        #expect(try cli("channels", "resume", "US Store").status == 0)
        #expect(try cli("channels", "list", "--json").array().first?["status"] as? String == "live")
    }

    @Test func rebuildOfAnUnknownProjectionIsAUsageError() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let head = try cli.headPosition()
        for names in [["nope"], ["ledger-summary", "nope"]] {
            let run = try cli.run(["projections", "rebuild"] + names)
            #expect(run.status == 64, "\(names): \(run)")
            #expect(run.errorLines.count == 1, "\(run)")
            #expect(run.stderr.contains("\"nope\""), "\(run)")
            #expect(run.stderr.contains("ledger-summary"), "it names the projections there are: \(run.stderr)")
            #expect(run.stdout.isEmpty, "nothing rebuilt: \(run)")
        }
        for size in ["0", "-5", "many"] {
            let run = try cli("projections", "rebuild", "--batch-size", size)
            #expect(run.status == 64, "--batch-size \(size): \(run)")
        }
        Self.expectCurrent(try Self.summary(cli), head: head)
    }

    @Test func rebuildOfTheSchemaV1FixtureGivesItsRecordedList() throws {
        let original = CLI.fixtureBytes()
        let cli = try CLI.onFixtureCopy()
        let before = try Self.summary(cli)
        #expect(before["state"] as? String == "stale", "written by projection v1: \(before)")
        #expect(before["storedVersion"] as? Int == 1 && before["version"] as? Int == 5)
        #expect(before["checkpoint"] as? Int == 30 && before["lag"] as? Int == 0)
        let expected = try CLI.canonical(try CLI.fixtureChannels())
        for arguments in [
            ["projections", "rebuild"], ["projections", "rebuild", "--restart", "--batch-size", "7"],
        ] {
            let run = try cli.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run)")
            #expect(run.stdout.contains("up to position 30"), "\(run)")
            let list = try cli("channels", "list", "--json")
            #expect(list.status == 0, "\(list)")
            #expect(try CLI.canonical(list.json()) == expected, "\(arguments)")
            Self.expectCurrent(try Self.summary(cli), head: 30)
        }
        let verify = try cli("verify", "--json")
        #expect(verify.status == 0, "\(verify)")
        #expect(try verify.object()["headPosition"] as? Int == 30)
        #expect(CLI.fixtureBytes() == original, "the fixture itself is never changed")
    }

    /// A projection built by a newer version (as after a downgrade) is never touched: neither the
    /// commands that would rebuild it on open nor `projections rebuild`.
    @Test func aProjectionBuiltByANewerVersionIsRefusedNotRebuilt() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let update = Process()
        update.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        update.arguments = [cli.store, "UPDATE checkpoints SET version = 99 WHERE name = 'ledger-summary'"]
        try update.run()
        update.waitUntilExit()
        try #require(update.terminationStatus == 0)

        let status = try Self.summary(cli)
        #expect(status["state"] as? String == "newer" && status["storedVersion"] as? Int == 99, "\(status)")
        for arguments in [["channels", "list"], ["projections", "rebuild"], ["projections", "rebuild", "--restart"]] {
            let run = try cli.run(arguments)
            #expect(run.status == 9, "\(arguments): \(run)")
            #expect(run.errorLines.count == 1 && run.stderr.contains("newer channel-ledger"), "\(run)")
        }
        for arguments in [["verify"], ["history", "--limit", "2"], ["status"], ["stats"]] {
            let run = try cli.run(arguments)
            #expect(run.status == 0, "the log itself stays readable: \(arguments): \(run)")
        }
        #expect(try Self.summary(cli)["storedVersion"] as? Int == 99, "left as the newer version built it")
    }
}
