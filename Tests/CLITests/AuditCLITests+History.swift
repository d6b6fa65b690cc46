import Foundation
import Testing

/// `history --correlation`, `--limit`/`--after` pages, `history show` and `stats`.
extension AuditCLITests {
    /// The position of each line.
    static func positions(_ lines: [[String: Any]]) -> [Int] {
        lines.compactMap { $0["position"] as? Int }
    }

    /// The `--after` of the next page, from the hint `history --limit` prints on stderr.
    static func nextPage(_ run: CLI.Run) -> Int? {
        guard let range = run.stderr.range(of: #"--after \d+"#, options: .regularExpression) else { return nil }
        return Int(run.stderr[range].dropFirst("--after ".count))
    }

    /// Counts of lines per key, as `stats` groups them.
    static func grouped(_ lines: [[String: Any]], by key: ([String: Any]) -> String?) -> [String: Int] {
        lines.reduce(into: [:]) { counts, line in counts[key(line) ?? "?", default: 0] += 1 }
    }

    @Test func correlationListsExactlyWhatOneCommandCaused() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        try cli.readyChannel("EU Store", sandbox.accounts[1])
        let activated = try cli("history", "--type", "MappingActivated", "--json").lines()
        #expect(activated.count == 18, "two `mappings activate --all` runs")
        let catalog = try cli("mappings", "list", "EU Store", "--json").array().compactMap { $0["name"] as? String }
        #expect(catalog.count == 9)

        for (channel, run) in [("US Store", activated.prefix(9)), ("EU Store", activated.suffix(9))] {
            let correlation = try #require(run.first?["correlationId"] as? String)
            let listing = try cli("history", "--correlation", correlation, "--json")
            #expect(listing.status == 0, "\(listing)")
            let lines = try listing.lines()
            #expect(lines.count == 9, "\(channel): \(listing.stdout)")
            #expect(lines.allSatisfy { $0["type"] as? String == "MappingActivated" })
            #expect(lines.allSatisfy { $0["correlationId"] as? String == correlation })
            #expect(Self.positions(lines) == Self.positions(Array(run)), "\(channel)")
            #expect(Set(lines.compactMap { $0["stream"] as? String }).count == 1, "one channel's stream")
            #expect(lines.compactMap { ($0["payload"] as? [String: Any])?["mapping"] as? String } == catalog)
            let text = try cli("history", "--correlation", correlation.uppercased())
            #expect(text.outputLines.count == 9, "\(text)")
        }
        let credentials = try #require(
            try cli("history", "--type", "CredentialsEntered", "--json").lines().first?["correlationId"] as? String)
        #expect(
            try cli("history", "--correlation", credentials, "--json").lines().map { $0["type"] as? String } == [
                "CredentialsEntered"
            ])
        let nobody = try cli("history", "--correlation", UUID().uuidString.lowercased())
        #expect(nobody.status == 0, "\(nobody)")
        #expect(nobody.stdout.isEmpty)
        let malformed = try cli("history", "--correlation", "mappings-activate")
        #expect(malformed.status == 64, "\(malformed)")
    }

    @Test func pagesOfLimitAndAfterVisitEveryEventOnce() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        #expect(try cli("channels", "create", "EU Store", "--transport", "sandbox").status == 0)
        let log = try cli.log()
        let all = Self.positions(log)
        #expect(all == Array(1...all.count))

        let first = try cli("history", "--limit", "3")
        #expect(first.status == 0, "\(first)")
        #expect(first.outputLines.count == 3, "\(first)")
        #expect(first.outputLines.map { $0.prefix { $0 != " " } } == ["1", "2", "3"])
        #expect(first.stderr == "more events follow; the next page: --after 3\n", "\(first.stderr)")

        // Page through as a script would: each page's hint gives the next --after.
        var seen: [[String: Any]] = []
        var after = 0
        for _ in 0...all.count {
            let page = try cli("history", "--json", "--limit", "3", "--after", "\(after)")
            #expect(page.status == 0, "\(page)")
            let lines = try page.lines()
            seen += lines
            guard let next = Self.nextPage(page) else {
                #expect((1...3).contains(lines.count), "the last page: \(page)")
                break
            }
            #expect(lines.count == 3, "\(page)")
            #expect(next == Self.positions(lines).last, "the hint names the page's last position")
            after = next
        }
        #expect(Self.positions(seen) == all, "every event once, in order")
        #expect(try CLI.canonical(seen) == CLI.canonical(log))

        // A filtered listing pages the same way, over what the filter passes.
        let activated = Self.positions(try cli("history", "--type", "MappingActivated", "--json").lines())
        var filtered: [Int] = []
        after = 0
        for _ in 0...activated.count {
            let page = try cli("history", "--type", "MappingActivated", "--json", "--limit", "4", "--after", "\(after)")
            filtered += Self.positions(try page.lines())
            guard let next = Self.nextPage(page) else { break }
            after = next
        }
        #expect(filtered == activated)
        #expect(activated.count == 9)
        let channelPage = try cli("history", "--channel", "US Store", "--limit", "2", "--after", "\(activated[0])")
        #expect(channelPage.outputLines.count == 2, "\(channelPage)")
        #expect(Self.nextPage(channelPage) == activated[2], "\(channelPage)")
        let whole = try cli("history", "--limit", "\(all.count)")
        #expect(whole.outputLines.count == all.count && whole.stderr.isEmpty, "a page that ends the log: \(whole)")
        let allButOne = try cli("history", "--limit", "\(all.count - 1)")
        #expect(Self.nextPage(allButOne) == all.count - 1, "\(allButOne.stderr)")
        let beyond = try cli("history", "--after", "\(all.count)", "--limit", "3")
        #expect(beyond.status == 0 && beyond.stdout.isEmpty && beyond.stderr.isEmpty, "\(beyond)")
        for bad in [["--limit", "0"], ["--after", "-1"], ["--limit", "2", "--follow"]] {
            let run = try cli.run(["history"] + bad)
            #expect(run.status == 64, "\(bad): \(run)")
        }
    }

    @Test func showPrintsOneEventWholeWithItsChainLink() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        let log = try cli.log()
        let head = try cli.headPosition()
        func line(_ position: Int) throws -> [String: Any] {
            try #require(log.first { $0["position"] as? Int == position })
        }
        let exported = try cli("export", "-")
        let ciphertexts = try exported.lines().compactMap { line -> String? in
            guard let payload = line["payload"] as? String,
                let json = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]
            else { return nil }
            return (json["secret"] as? [String: Any])?["ciphertext"] as? String
        }
        #expect(ciphertexts.count == 2, "the connected app's and the channel's secrets")
        let entered = try #require(
            log.first { $0["type"] as? String == "CredentialsEntered" }?["position"] as? Int)
        let registered = try #require(
            log.first { $0["type"] as? String == "ConnectedAppRegistered" }?["position"] as? Int)

        for position in [1, registered, entered, entered + 1, head] {
            let run = try cli("history", "show", "\(position)", "--json")
            #expect(run.status == 0, "\(run)")
            var detail = try run.object()
            let previous: String? =
                position == 1 ? String(repeating: "0", count: 64) : try line(position - 1)["hash"] as? String
            #expect(detail.removeValue(forKey: "hashChecks") as? Bool == true, "@\(position)")
            #expect(detail.removeValue(forKey: "previousHash") as? String == previous, "@\(position)")
            #expect(detail.removeValue(forKey: "typeKnown") as? Bool == true, "@\(position)")
            #expect(try CLI.canonical(detail) == CLI.canonical(try line(position)), "the event as history lists it")

            let text = try cli("history", "show", "\(position)")
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout.contains(try #require(previous)), "\(text)")
            #expect(text.stdout.contains(try #require(try line(position)["hash"] as? String)), "\(text)")
            for output in [run.stdout, text.stdout] {
                #expect(!output.contains("ciphertext"), "@\(position): \(output)")
                for secret in sandbox.secrets + ciphertexts {
                    #expect(!output.contains(secret), "@\(position) shows a secret or its ciphertext")
                }
            }
        }
        let fingerprint = try cli("history", "show", "\(entered)", "--json").object()
        let secret = (fingerprint["payload"] as? [String: Any])?["secret"] as? [String: Any]
        #expect((secret?["fingerprint"] as? String)?.count == 16)

        // An event altered behind the ledger's back no longer checks; the next one still chains from its hash.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [
            cli.store,
            "UPDATE events SET payload = CAST(replace(CAST(payload AS TEXT), 'US Store', 'UX Store') AS BLOB) "
                + "WHERE type = 'ChannelCreated';",
        ]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        let created = try #require(log.first { $0["type"] as? String == "ChannelCreated" }?["position"] as? Int)
        let altered = try cli("history", "show", "\(created)", "--json")
        #expect(altered.status == 0, "\(altered)")
        #expect(try altered.object()["hashChecks"] as? Bool == false)
        #expect(try cli("history", "show", "\(created)").stdout.contains("channel-ledger verify"))
        #expect(try cli("history", "show", "\(created + 1)", "--json").object()["hashChecks"] as? Bool == true)

        let missing = try cli("history", "show", "9999")
        #expect(missing.status == 4, "\(missing)")
        #expect(missing.errorLines.count == 1, "\(missing)")
        #expect(missing.stderr.contains("9999") && missing.stderr.contains("\(head)"), "\(missing)")
        #expect(missing.stdout.isEmpty)
    }

    @Test func statsCountWhatHistoryLists() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        for arguments in [
            ["channels", "create", "EU Store", "--transport", "sandbox", "--actor", "ops-bot"],
            ["channels", "rename", "EU Store", "Europe", "--actor", "ops-bot"],
            ["channels", "launch", "US Store", "--actor", "release-bot"],
        ] {
            let run = try cli.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run)")
        }
        let log = try cli.log()
        let run = try cli("stats", "--json")
        #expect(run.status == 0, "\(run)")
        let stats = try run.object()
        #expect(stats["events"] as? Int == log.count)
        #expect(stats["firstPosition"] as? Int == 1)
        #expect(stats["lastPosition"] as? Int == log.count)
        #expect(stats["byType"] as? [String: Int] == Self.grouped(log) { $0["type"] as? String })
        #expect(stats["byActor"] as? [String: Int] == Self.grouped(log) { $0["actor"] as? String })
        #expect((stats["byActor"] as? [String: Int])?["ops-bot"] == 2)
        #expect(
            stats["byCategory"] as? [String: Int]
                == Self.grouped(log) { ($0["stream"] as? String)?.split(separator: ":").first.map(String.init) })
        #expect(
            stats["byDay"] as? [String: Int]
                == Self.grouped(log) { ($0["recordedAt"] as? String).map { String($0.prefix(10)) } })

        // The filters count what the same filters list.
        let since = try #require(
            log.first { $0["type"] as? String == "ChannelRenamed" }?["recordedAt"] as? String)
        for filter in [
            ["--stream", "channel"], ["--since", since], ["--until", since], ["--stream", "connected-app"],
        ] {
            let counted = try cli.run(["stats", "--json"] + filter).object()
            let listed = try cli.run(["history", "--json"] + filter).lines()
            #expect(counted["events"] as? Int == listed.count, "\(filter)")
            #expect(counted["byType"] as? [String: Int] == Self.grouped(listed) { $0["type"] as? String }, "\(filter)")
            #expect(counted["firstPosition"] as? Int == Self.positions(listed).first, "\(filter)")
            #expect(counted["lastPosition"] as? Int == Self.positions(listed).last, "\(filter)")
        }
        let text = try cli("stats")
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.hasPrefix("\(log.count) events, positions 1 to \(log.count)"), "\(text)")
        let empty = try cli("stats", "--since", "2999-01-01", "--json").object()
        #expect(empty["events"] as? Int == 0)
        #expect(empty["firstPosition"] is NSNull)
    }
}
