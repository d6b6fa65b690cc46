import Foundation
import Testing

/// `export`, `import`, `backup` and `restore` typed as a user would, checked with `history`, `verify` and sqlite3.
@Suite struct TransferCLITests {
    /// A whole lifecycle: the connected app, a live channel suspended by another actor, a second channel
    /// with credentials entered and renamed.
    static func lifecycle(_ cli: CLI) throws -> SandboxAccounts {
        let sandbox = try cli.prepared()
        let eu = sandbox.accounts[1]
        try cli.readyChannel("US Store", sandbox.accounts[0])
        for arguments in [
            ["channels", "launch", "US Store"],
            ["channels", "create", "EU Store", "--transport", "sandbox"],
            [
                "channels", "credentials", "EU Store", "--client-id", eu.clientId, "--target-id", eu.targetId,
                "--client-secret-stdin",
            ],
            ["channels", "rename", "EU Store", "Europe"],
            ["channels", "suspend", "US Store", "--reason", "stock take", "--actor", "ops-bot"],
        ] {
            let run = try cli.run(arguments, stdin: eu.clientSecret)
            try #require(run.status == 0, "\(arguments): \(run)")
        }
        return sandbox
    }

    /// A file's text, or "" when there is none.
    static func text(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    @Test func exportThenImportGivesAnIdenticalLog() throws {
        let cli = try CLI()
        let sandbox = try Self.lifecycle(cli)
        let head = try cli.headPosition()
        let file = cli.path("ledger.jsonl")
        let export = try cli("export", file, "--json")
        #expect(export.status == 0, "\(export)")
        let summary = try export.object()
        #expect(summary["events"] as? Int == head)
        #expect(summary["firstPosition"] as? Int == 1)
        #expect(summary["lastPosition"] as? Int == head)
        #expect(Self.text(file).split(separator: "\n").count == head + 1, "a header, then one line per event")

        let copy = cli.path("imported.sqlite")
        let imported = try cli("import", file, "--store", copy, "--json")
        #expect(imported.status == 0, "\(imported)")
        // Nothing on stderr but progress lines (a line every 2 s where stderr is not a terminal).
        let progress = /^(checking|importing) .*: [0-9]+\/[0-9]+ events, .*$/
        #expect(imported.errorLines.allSatisfy { $0.wholeMatch(of: progress) != nil }, "\(imported.stderr)")
        let status = try cli("status", "--json").object()
        #expect(try imported.object()["headPosition"] as? Int == head)
        #expect(try imported.object()["headHash"] as? String == status["headHash"] as? String)

        let history = try cli("history", "--json")
        let copied = try cli("history", "--json", "--store", copy)
        #expect(copied.status == 0, "\(copied)")
        #expect(copied.stdout == history.stdout, "the same events, byte for byte as history prints them")
        #expect(
            try cli("channels", "list", "--json", "--store", copy).stdout == cli("channels", "list", "--json").stdout)
        let verify = try cli("verify", "--json", "--store", copy)
        #expect(verify.status == 0, "\(verify)")
        #expect(try verify.object()["headHash"] as? String == status["headHash"] as? String)
        let table = try cli.eventsTable(cli.store)
        #expect(table.split(separator: "\n").count == head + 4, "every event, then the four streams")
        #expect(try cli.eventsTable(copy) == table, "the events table is identical, column by column")

        // The copy's ciphertext is the store's: the same key reads it (the sandbox checks the secret).
        let authorize = try cli("channels", "authorize", "Europe", "--store", copy, "--json")
        #expect(authorize.status == 0, "\(authorize)")
        #expect(try authorize.object()["credentials"] as? String == "authorized")

        let toStdout = try cli("export", "-")
        #expect(toStdout.status == 0, "\(toStdout)")
        #expect(toStdout.outputLines.dropFirst() == Self.text(file).split(separator: "\n").dropFirst())
        for secret in sandbox.secrets {
            #expect(!cli.printed.contains(secret), "a secret was printed")
        }
    }

    @Test func whatAKilledExportLeftIsRemovedByTheNextExportToThatPath() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let file = cli.path("ledger.export")
        // A killed export's partial file (its writer gone, so its lock is free) and its neighbour's.
        let stale = file + ".partial-999999-dead"
        let other = cli.path("other.export.partial-1")
        for leftover in [stale, other] {
            #expect(FileManager.default.createFile(atPath: leftover, contents: Data("x".utf8)))
        }
        #expect(try cli("export", file).status == 0)
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(!FileManager.default.fileExists(atPath: stale), "removed")
        #expect(FileManager.default.fileExists(atPath: other), "another path's file is not this export's")
        let partials = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter {
            $0.hasPrefix("ledger.export.partial-")
        }
        #expect(partials.isEmpty, "\(partials)")
    }

    @Test func exportsCarryCiphertextNeverSecrets() throws {
        let cli = try CLI()
        let sandbox = try Self.lifecycle(cli)
        let file = cli.path("ledger.jsonl")
        #expect(try cli("export", file).status == 0)
        let text = Self.text(file)
        for secret in sandbox.secrets {
            #expect(!text.contains(secret), "a plain secret is in the export")
        }
        let lines = text.split(separator: "\n").dropFirst().map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
        let ciphered = lines.filter { ($0["payload"] as? String)?.contains("\"ciphertext\":\"") == true }
        #expect(
            ciphered.map { $0["type"] as? String } == [
                "ConnectedAppRegistered", "CredentialsEntered", "CredentialsEntered",
            ])
        for line in ciphered {
            let json = try #require(line["payload"] as? String)
            let payload = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let ciphertext = try #require((payload["secret"] as? [String: Any])?["ciphertext"] as? String)
            #expect(Data(base64Encoded: ciphertext).map { $0.count > 16 } == true, "base64 ciphertext: \(ciphertext)")
        }
        let stdout = try cli("export", "-")
        #expect(stdout.stdout.contains("ciphertext"))
        for secret in sandbox.secrets {
            #expect(!stdout.stdout.contains(secret), "a plain secret is in the export")
        }
    }

    /// A file cut short at a line boundary (a dead pipe, a partial copy) is refused: its header
    /// says where it ends.
    @Test func anImportOfAFileCutShortIsRefused() throws {
        let cli = try CLI()
        _ = try Self.lifecycle(cli)
        let file = cli.path("ledger.jsonl")
        #expect(try cli("export", file).status == 0)
        let lines = Self.text(file).split(separator: "\n")
        let short = cli.path("short.jsonl")
        try (lines.dropLast(3).joined(separator: "\n") + "\n").write(toFile: short, atomically: true, encoding: .utf8)
        let target = cli.path("short.sqlite")
        let run = try cli("import", short, "--store", target)
        #expect(run.status == 8, "\(run)")
        #expect(run.errorLines.count == 1 && run.stderr.contains("cut short"), "\(run)")
        #expect(!cli.anyStoreFile(at: target))
        let header = cli.path("header.jsonl")
        try (String(lines[0]).replacingOccurrences(of: "channel-ledger-export", with: "other") + "\n")
            .write(toFile: header, atomically: true, encoding: .utf8)
        let foreign = try cli("import", header, "--store", target)
        #expect(foreign.status == 3 && foreign.stderr.contains("channel-ledger export"), "\(foreign)")
    }

    @Test func anImportWithOneChangedPayloadByteIsRefusedWhole() throws {
        let cli = try CLI()
        _ = try Self.lifecycle(cli)
        let file = cli.path("ledger.jsonl")
        #expect(try cli("export", file).status == 0)
        var lines = Self.text(file).components(separatedBy: "\n")
        let index = try #require(
            lines.firstIndex { $0.contains("\"type\":\"ChannelCreated\"") && $0.contains("EU Store") })
        let original = lines[index]
        lines[index] = original.replacingOccurrences(of: "EU Store", with: "EV Store")
        #expect(zip(original.utf8, lines[index].utf8).filter { $0 != $1 }.count == 1, "one byte changed")
        let tampered = cli.path("tampered.jsonl")
        try lines.joined(separator: "\n").write(toFile: tampered, atomically: true, encoding: .utf8)

        let target = cli.path("tampered.sqlite")
        let run = try cli("import", tampered, "--store", target)
        #expect(run.status == 8, "\(run)")
        #expect(run.errorLines.count == 1, "one line: \(run.stderr)")
        #expect(run.stderr.contains("line \(index + 1)"), "it names the file's line \(index + 1): \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!cli.anyStoreFile(at: target), "no store is left behind")

        // Refused into an existing store too, which stays as it was.
        try Self.expectRefusedIntoAnExistingStore(cli, imported: file, refused: tampered, status: 8)
    }

    /// Imports `imported` into a new store, then `refused` into that store: exit `status`, and
    /// the store's events as they were, still verifying.
    static func expectRefusedIntoAnExistingStore(_ cli: CLI, imported: String, refused: String, status: Int32)
        throws
    {
        let existing = cli.path("existing.sqlite")
        #expect(try cli("import", imported, "--store", existing).status == 0)
        let before = try cli.eventsTable(existing)
        let again = try cli("import", refused, "--store", existing)
        #expect(again.status == status, "\(again)")
        #expect(try cli.eventsTable(existing) == before, "the store that exists is left as it was")
        #expect(try cli("verify", "--store", existing).status == 0)
    }

    @Test func anExportSinceAPositionContinuesACopyTakenThere() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        let position = try cli.headPosition()
        let backup = cli.path("at-position.backup")
        #expect(try cli("backup", backup).status == 0)
        for arguments in [
            ["channels", "launch", "US Store"], ["channels", "create", "EU Store", "--transport", "sandbox"],
            ["channels", "rename", "US Store", "North America"],
        ] {
            let run = try cli.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run)")
        }
        let head = try cli.headPosition()
        let since = cli.path("since.jsonl")
        let export = try cli("export", since, "--since", "\(position)", "--json")
        #expect(export.status == 0, "\(export)")
        #expect(try export.object()["firstPosition"] as? Int == position + 1)
        #expect(try export.object()["lastPosition"] as? Int == head)
        #expect(try export.object()["events"] as? Int == head - position)

        let copy = cli.path("continued.sqlite")
        let restore = try cli("restore", backup, "--store", copy)
        #expect(restore.status == 0, "\(restore)")
        #expect(try cli.log(store: copy).count == position)
        let imported = try cli("import", since, "--store", copy, "--json")
        #expect(imported.status == 0, "\(imported)")
        #expect(try imported.object()["events"] as? Int == head - position)
        #expect(try cli("history", "--json", "--store", copy).stdout == cli("history", "--json").stdout)
        #expect(
            try cli("channels", "list", "--json", "--store", copy).stdout == cli("channels", "list", "--json").stdout)
        #expect(try cli("verify", "--store", copy).status == 0)
        #expect(try cli.eventsTable(copy) == cli.eventsTable(cli.store))

        // Run again, it finds everything there already.
        let again = try cli("import", since, "--store", copy, "--json")
        #expect(again.status == 0, "\(again)")
        #expect(try again.object()["events"] as? Int == 0)
        // Into a new store the file leaves a gap: refused, and no store is made.
        let fresh = cli.path("fresh.sqlite")
        let gap = try cli("import", since, "--store", fresh)
        #expect(gap.status == 3, "\(gap)")
        #expect(gap.errorLines.count == 1)
        #expect(gap.stderr.contains("\(position + 1)"), "\(gap)")
        #expect(!cli.anyStoreFile(at: fresh))
    }

    @Test func exportNeverOverwritesAFile() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let file = cli.path("existing.jsonl")
        try "keep me\n".write(toFile: file, atomically: true, encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).sorted()
        for arguments in [["export", file], ["export", file, "--since", "1"], ["export", file, "--json"]] {
            let run = try cli.run(arguments)
            #expect(run.status != 0, "\(arguments): \(run)")
            #expect(run.errorLines.count == 1, "\(run)")
            #expect(run.stderr.contains(file), "\(run)")
            #expect(Self.text(file) == "keep me\n", "the file is untouched")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).sorted() == files, "no partial file")
        let past = try cli("export", cli.path("later.jsonl"), "--since", "999")
        #expect(past.status != 0, "\(past)")
        #expect(past.stderr.contains("\(try cli.headPosition())"), "\(past)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("later.jsonl")))
    }
}
