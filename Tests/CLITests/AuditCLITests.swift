import Foundation
import Testing

/// The audit commands typed as a user would: `channels list/show --as-of`, `history` pages, correlation
/// and `history show`, and `stats`.
@Suite struct AuditCLITests {
    /// A store with a known story, its positions read back from `history --json`:
    /// "A" created, renamed "B", "C" created, "B" given credentials, authorized, every mapping activated
    /// and launched, a new "A" created, then a mapping of "B" deactivated with `--suspend`.
    struct Story {
        var createdA = 0
        var renamed = 0
        var createdC = 0
        var authorized = 0
        var ready = 0
        var launched = 0
        var createdA2 = 0
        var head = 0
        var idB = ""
        var idA2 = ""
        var log: [[String: Any]] = []

        init(_ cli: CLI) throws {
            let sandbox = try cli.prepared()
            let us = sandbox.accounts[0]
            for arguments in [
                ["channels", "create", "A", "--transport", "sandbox"],
                ["channels", "rename", "A", "B"],
                ["channels", "create", "C", "--transport", "sandbox"],
                [
                    "channels", "credentials", "B", "--client-id", us.clientId, "--target-id", us.targetId,
                    "--client-secret-stdin",
                ],
                ["channels", "authorize", "B"],
                ["mappings", "activate", "B", "--all"],
                ["channels", "launch", "B"],
                ["channels", "create", "A", "--transport", "sandbox"],
                ["mappings", "deactivate", "B", "refund", "--suspend"],
            ] {
                let run = try cli.run(arguments, stdin: us.clientSecret)
                try #require(run.status == 0, "\(arguments): \(run)")
            }
            log = try cli.log()
            func positions(_ type: String, name: String? = nil) -> [Int] {
                log.filter {
                    $0["type"] as? String == type
                        && (name == nil || ($0["payload"] as? [String: Any])?["name"] as? String == name)
                }.compactMap { $0["position"] as? Int }
            }
            let created = positions("ChannelCreated", name: "A")
            try #require(created.count == 2, "two channels were created as \"A\"")
            createdA = created[0]
            createdA2 = created[1]
            renamed = try #require(positions("ChannelRenamed").first)
            createdC = try #require(positions("ChannelCreated", name: "C").first)
            authorized = try #require(positions("CredentialsAuthorized").first)
            ready = try #require(positions("MappingActivated").last)
            launched = try #require(positions("ChannelLaunched").first)
            head = try cli.headPosition()
            try #require(log.count == head)
            idB = try #require(try cli("channels", "show", "B", "--json").object()["id"] as? String)
            idA2 = try #require(try cli("channels", "show", "A", "--json").object()["id"] as? String)
        }

        /// The `recordedAt` of the event at a position.
        func recordedAt(_ position: Int) throws -> String {
            try #require(log.first { $0["position"] as? Int == position }?["recordedAt"] as? String)
        }
    }

    /// Each channel of a `channels list --json` as "NAME STATUS ACTIVE/TOTAL".
    static func rows(_ channels: [[String: Any]]) -> [String] {
        channels.map { channel in
            let mappings = channel["mappings"] as? [String: Int] ?? [:]
            return "\(channel["name"] as? String ?? "?") \(channel["status"] as? String ?? "?") "
                + "\(mappings["active"] ?? -1)/\(mappings["total"] ?? -1)"
        }
    }

    @Test func channelsAsOfAPositionAreWhatWasTrueThen() throws {
        let cli = try CLI()
        let story = try Story(cli)
        let expected: [(position: Int, rows: [String])] = [
            (0, []),
            (story.createdA, ["A draft 0/9"]),
            (story.renamed, ["B draft 0/9"]),
            (story.createdC, ["B draft 0/9", "C draft 0/9"]),
            (story.authorized, ["B authorized 0/9", "C draft 0/9"]),
            (story.ready - 1, ["B authorized 8/9", "C draft 0/9"]),
            (story.ready, ["B ready 9/9", "C draft 0/9"]),
            (story.launched, ["B live 9/9", "C draft 0/9"]),
            (story.createdA2, ["B live 9/9", "C draft 0/9", "A draft 0/9"]),
            (story.head, ["B suspended 8/9", "C draft 0/9", "A draft 0/9"]),
        ]
        for (position, rows) in expected {
            let run = try cli("channels", "list", "--as-of", "@\(position)", "--json")
            #expect(run.status == 0, "\(run)")
            let channels = try run.array()
            #expect(Self.rows(channels) == rows, "as of @\(position)")
            if position >= story.createdA {
                #expect(channels.first?["id"] as? String == story.idB, "the first channel is B, whatever its name")
            }
        }
        let credentials = try cli("channels", "list", "--as-of", "@\(story.createdC)", "--json").array()
        #expect(credentials.first?["credentials"] as? String == "none")
        #expect(credentials.first?["targetId"] is NSNull)

        // At the head, the fold of the log is the live read models.
        let atHead = try cli("channels", "list", "--as-of", "@\(story.head)", "--json").json()
        #expect(try CLI.canonical(atHead) == CLI.canonical(try cli("channels", "list", "--json").json()))
        let text = try cli("channels", "list", "--as-of", "@\(story.renamed)")
        #expect(text.status == 0, "\(text)")
        #expect(text.outputLines.first?.contains("log position \(story.renamed)") == true, "\(text)")
        #expect(try cli.headPosition() == story.head, "--as-of records nothing")
    }

    @Test func channelsShowAsOfFindsAChannelByTheNameItHadThen() throws {
        let cli = try CLI()
        let story = try Story(cli)
        let then = try cli("channels", "show", "A", "--as-of", "@\(story.createdA)", "--json")
        #expect(then.status == 0, "\(then)")
        let old = try then.object()
        #expect(old["id"] as? String == story.idB, "\"A\" was B's name then")
        #expect(old["name"] as? String == "A")
        #expect(old["status"] as? String == "draft")
        #expect((old["mappingDetails"] as? [Any])?.count == 9)

        let beforeLaunch = try cli("channels", "show", "B", "--as-of", "@\(story.ready)", "--json").object()
        #expect(beforeLaunch["status"] as? String == "ready")
        #expect(beforeLaunch["credentials"] as? String == "authorized")
        #expect(beforeLaunch["suspensionReason"] is NSNull)
        let byID = try cli("channels", "show", story.idB, "--as-of", "@\(story.createdA)", "--json").object()
        #expect(byID["name"] as? String == "A")

        // Between the rename and the second "A", nothing had that name; B had not been named yet at first.
        let freed = try cli("channels", "show", "A", "--as-of", "@\(story.renamed)")
        #expect(freed.status == 4, "\(freed)")
        let unnamed = try cli("channels", "show", "B", "--as-of", "@\(story.createdA)")
        #expect(unnamed.status == 4, "\(unnamed)")
        let notYet = try cli("channels", "show", "C", "--as-of", "@\(story.renamed)")
        #expect(notYet.status == 4, "\(notYet)")
        // Today "A" is the newer channel.
        let now = try cli("channels", "show", "A", "--json").object()
        #expect(now["id"] as? String == story.idA2)
        let later = try cli("channels", "show", "a", "--as-of", "@\(story.createdA2)", "--json").object()
        #expect(later["id"] as? String == story.idA2, "names are matched as always: case-insensitively")
    }

    @Test func asOfATimeAnswersAsTheLogUpToThatTime() throws {
        let cli = try CLI()
        let story = try Story(cli)
        for position in [story.createdA, story.renamed, story.createdC, story.ready, story.launched] {
            let time = try story.recordedAt(position)
            // A time reaches up to the first event recorded after it.
            let reached = try #require(
                story.log.prefix { ($0["recordedAt"] as? String ?? "") <= time }.last?["position"] as? Int)
            #expect(reached >= position)
            let byTime = try cli("channels", "list", "--as-of", time, "--json")
            #expect(byTime.status == 0, "\(byTime)")
            let byPosition = try cli("channels", "list", "--as-of", "@\(reached)", "--json")
            #expect(
                try CLI.canonical(byTime.json()) == CLI.canonical(byPosition.json()), "--as-of \(time) is @\(reached)")
            let text = try cli("channels", "list", "--as-of", time)
            #expect(text.outputLines.first?.contains("(log position \(reached))") == true, "\(text)")
        }
        let named = try cli("channels", "show", "A", "--as-of", try story.recordedAt(story.createdA), "--json")
        #expect(try named.object()["id"] as? String == story.idB)

        // A bare date means the end of that day: the day of the last event covers the whole log.
        let day = String(try story.recordedAt(story.head).prefix(10))
        let byDay = try cli("channels", "list", "--as-of", day, "--json")
        #expect(byDay.status == 0, "\(byDay)")
        #expect(
            try CLI.canonical(byDay.json())
                == CLI.canonical(try cli("channels", "list", "--as-of", "@\(story.head)", "--json").json()))
        let before = try cli("channels", "list", "--as-of", "2000-01-01", "--json")
        #expect(try before.array().isEmpty, "\(before)")
    }

    @Test func asOfPastTheHeadOrMalformedIsRefused() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        #expect(try cli("channels", "create", "Shop", "--transport", "sandbox").status == 0)
        let head = try cli.headPosition()
        for arguments in [["channels", "list"], ["channels", "show", "Shop"], ["channels", "list", "--json"]] {
            let run = try cli.run(arguments + ["--as-of", "@\(head + 1)"])
            #expect(run.status != 0, "\(arguments): \(run)")
            #expect(run.stdout.isEmpty, "\(run)")
            #expect(run.errorLines.count == 1, "one line: \(run.stderr)")
            #expect(run.stderr.contains("position \(head)"), "the error names the head: \(run.stderr)")
        }
        for text in ["yesterday", "@", "@-1", "@5x", "@ 5", "12", "2026-13-40", "2026-11-29T25:00:00Z"] {
            for arguments in [["channels", "list"], ["channels", "show", "Shop"]] {
                let run = try cli.run(arguments + ["--as-of", text])
                #expect(run.status == 64, "--as-of \(text): \(run)")
                #expect(run.stderr.contains("--as-of"), "\(run)")
            }
        }
        #expect(try cli.headPosition() == head)
    }

    @Test func theSchemaV1FixtureAsOfAPositionIsWhatItRecorded() throws {
        let original = CLI.fixtureBytes()
        let cli = try CLI.onFixtureCopy()
        let atHead = try cli("channels", "list", "--json", "--as-of", "@30")
        #expect(atHead.status == 0, "\(atHead)")
        #expect(try CLI.canonical(atHead.json()) == CLI.canonical(try CLI.fixtureChannels()))

        let at15 = try cli("channels", "list", "--json", "--as-of", "@15").array()
        #expect(at15.compactMap { $0["name"] as? String } == ["US Storefront"])
        #expect(Self.rows(at15) == ["US Storefront ready 9/9"], "all mappings active, not launched until 16")
        let at29 = try cli("channels", "list", "--json", "--as-of", "@29").array()
        #expect(Self.rows(at29) == ["US Storefront live 9/9", "EU Storefront authorized 8/9"])
        let euThen = try cli("channels", "show", "EU Storefront", "--as-of", "@29", "--json")
        #expect(euThen.status == 0, "\(euThen)")
        let euNow = try cli("channels", "show", "EU Shop", "--json")
        #expect(try euThen.object()["id"] as? String == (try euNow.object()["id"] as? String))

        let past = try cli("channels", "list", "--as-of", "@31")
        #expect(past.status != 0, "\(past)")
        #expect(past.stderr.contains("position 30"), "\(past)")
        #expect(CLI.fixtureBytes() == original, "the fixture itself is never changed")
    }
}
