import Foundation
import Testing

/// What users and attackers type, fed to every command that takes text, as one table: each row is
/// refused (its exit code, one line on stderr that names the problem and is short, no stack trace,
/// the log unchanged) or accepted, and then stored in the form the row gives, byte for byte, as
/// `--json`, `history` and `export` show it. The rows share one store, so a row that wrote when it
/// should not have is caught by the head of the log moving.
@Suite struct BadInputCLITests {
    /// One input and what must come of it.
    struct Row {
        var arguments: [String]
        var stdin: String? = nil
        var outcome: Outcome
    }

    enum Outcome {
        /// Refused with this exit code and a line that contains `mentions`.
        case refused(Int32, mentions: String)
        /// Accepted, and then a channel (or a rule) is named `stored`, byte for byte.
        case channelNamed(String)
        case ruleNamed(String)
    }

    /// A store with the connected app, a live channel `US Store`, a draft channel `Café`, and a rule.
    static func store() throws -> CLI {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        for arguments in [
            ["channels", "launch", "US Store"], ["channels", "create", "Caf\u{E9}", "--transport", "sandbox"],
            ["rules", "add", "eu-orders", "--channel", "US Store", "--when", "currency = EUR"],
        ] {
            let run = try cli.run(arguments)
            try #require(run.status == 0, "\(arguments): \(run)")
        }
        return cli
    }

    static let tenKilobytes = String(repeating: "x", count: 10_000)
    static let create = ["channels", "create"]
    static let sandbox = ["--transport", "sandbox"]

    /// Channel names, the text users type most.
    static let channelNames: [Row] = [
        Row(arguments: create + ["", "--transport", "sandbox"], outcome: .refused(3, mentions: "empty")),
        Row(arguments: create + ["   ", "--transport", "sandbox"], outcome: .refused(3, mentions: "empty")),
        Row(arguments: create + [tenKilobytes] + sandbox, outcome: .refused(3, mentions: "(10000 characters)")),
        Row(arguments: create + [String(repeating: "y", count: 81)] + sandbox, outcome: .refused(3, mentions: "80")),
        Row(arguments: create + ["a\u{1}b"] + sandbox, outcome: .refused(3, mentions: #""a\u{1}b""#)),
        Row(arguments: create + ["EU\tStore"] + sandbox, outcome: .refused(3, mentions: #""EU\tStore""#)),
        Row(arguments: create + ["EU\nStore"] + sandbox, outcome: .refused(3, mentions: #""EU\nStore""#)),
        Row(arguments: create + ["EU\u{200F}Store"] + sandbox, outcome: .refused(3, mentions: #"\u{200F}"#)),
        Row(arguments: create + ["EU\u{202E}erotS"] + sandbox, outcome: .refused(3, mentions: #"\u{202E}"#)),
        Row(arguments: create + ["\u{FEFF}EU Store"] + sandbox, outcome: .refused(3, mentions: #"\u{FEFF}"#)),
        Row(arguments: create + ["EU\u{200B}Store"] + sandbox, outcome: .refused(3, mentions: #"\u{200B}"#)),
        Row(
            arguments: create + ["01a24b70-59b1-762e-a6b2-4a276fb0655c"] + sandbox,
            outcome: .refused(3, mentions: "UUID")),
        Row(arguments: create + ["us store"] + sandbox, outcome: .refused(3, mentions: "already exists")),
        Row(arguments: create + ["US Store "] + sandbox, outcome: .refused(3, mentions: "already exists")),
        Row(arguments: create + ["Cafe\u{301}"] + sandbox, outcome: .refused(3, mentions: "already exists")),
        Row(arguments: create + ["CAF\u{C9}"] + sandbox, outcome: .refused(3, mentions: "already exists")),
        Row(arguments: create + ["default"] + sandbox, outcome: .refused(3, mentions: "reserved")),
        Row(
            arguments: ["channels", "rename", "US Store", "caf\u{E9}"], outcome: .refused(3, mentions: "already exists")
        ),
        Row(arguments: ["channels", "rename", "US Store", ""], outcome: .refused(3, mentions: "empty")),
        Row(arguments: create + ["  Cafe\u{301} Lyon \t"] + sandbox, outcome: .channelNamed("Caf\u{E9} Lyon")),
        Row(arguments: create + ["Zoe\u{308}"] + sandbox, outcome: .channelNamed("Zo\u{EB}")),
        Row(arguments: create + ["\u{FFFD} Outlet"] + sandbox, outcome: .channelNamed("\u{FFFD} Outlet")),
        Row(arguments: create + ["חנות שלום"] + sandbox, outcome: .channelNamed("חנות שלום")),
        Row(arguments: create + ["متجر العرب"] + sandbox, outcome: .channelNamed("متجر العرب")),
        Row(arguments: create + ["Shop 🛒 ünï"] + sandbox, outcome: .channelNamed("Shop 🛒 ünï")),
        Row(
            arguments: create + ["'; DROP TABLE events; --"] + sandbox,
            outcome: .channelNamed("'; DROP TABLE events; --")),
        Row(
            arguments: create + ["$(rm -rf ~) `id` | & ; > x \\ \""] + sandbox,
            outcome: .channelNamed("$(rm -rf ~) `id` | & ; > x \\ \"")),
        Row(
            arguments: create + [String(repeating: "é", count: 80)] + sandbox,
            outcome: .channelNamed(String(repeating: "é", count: 80))),
    ]

    /// Names of things that do not exist, shown back in one line whatever they hold.
    static let unknownThings: [Row] = [
        Row(arguments: ["channels", "show", "Nowhere"], outcome: .refused(4, mentions: "channels list")),
        Row(arguments: ["channels", "show", "x\ny"], outcome: .refused(4, mentions: #""x\ny""#)),
        Row(arguments: ["channels", "show", tenKilobytes], outcome: .refused(4, mentions: "(10000 characters)")),
        Row(arguments: ["channels", "show", "cafe"], outcome: .refused(4, mentions: "cafe")),
        Row(arguments: ["mappings", "activate", "US Store", "shipping"], outcome: .refused(4, mentions: "shipping")),
        Row(arguments: ["mappings", "activate", "Nowhere", "order"], outcome: .refused(4, mentions: "Nowhere")),
        Row(arguments: ["rules", "remove", "nope"], outcome: .refused(4, mentions: "eu-orders")),
        Row(arguments: ["rules", "move", "nope", "--to", "1"], outcome: .refused(4, mentions: "nope")),
        Row(arguments: ["orders", "show", "nope"], outcome: .refused(4, mentions: "orders list")),
        Row(arguments: ["orders", "show", "x\u{202E}y"], outcome: .refused(4, mentions: #""x\u{202E}y""#)),
        Row(
            arguments: ["orders", "associate", "nope", "--channel", "US Store"],
            outcome: .refused(4, mentions: "nope")),
        Row(arguments: ["orders", "forget-customer", "a b"], outcome: .refused(64, mentions: "customer id")),
        Row(arguments: ["history", "--channel", "Nowhere"], outcome: .refused(4, mentions: "Nowhere")),
        Row(arguments: ["webhooks", "remove", "nope"], outcome: .refused(4, mentions: "nope")),
        Row(arguments: ["projections", "rebuild", "p\nq"], outcome: .refused(64, mentions: #""p\nq""#)),
        Row(
            arguments: ["channels", "create", "X", "--transport", "carrier\npigeon"],
            outcome: .refused(64, mentions: #""carrier\npigeon""#)),
    ]

    /// The association flow's own text: rule names and conditions.
    static let rules: [Row] = [
        Row(
            arguments: ["rules", "add", "", "--channel", "US Store", "--when", "currency = USD"],
            outcome: .refused(3, mentions: "empty")),
        Row(
            arguments: ["rules", "add", "two words", "--channel", "US Store", "--when", "currency = USD"],
            outcome: .refused(3, mentions: "without spaces")),
        Row(
            arguments: ["rules", "add", "r\u{7}", "--channel", "US Store", "--when", "currency = USD"],
            outcome: .refused(3, mentions: #"\u{7}"#)),
        Row(
            arguments: ["rules", "add", tenKilobytes, "--channel", "US Store", "--when", "currency = USD"],
            outcome: .refused(3, mentions: "(10000 characters)")),
        Row(
            arguments: ["rules", "add", "EU-ORDERS", "--channel", "US Store", "--when", "currency = USD"],
            outcome: .refused(3, mentions: "already exists")),
        Row(
            arguments: ["rules", "add", "r", "--channel", "US Store", "--when", "currency == USD"],
            outcome: .refused(3, mentions: "operator")),
        Row(
            arguments: ["rules", "add", "r", "--channel", "US Store", "--when", "colour = red"],
            outcome: .refused(3, mentions: "colour")),
        Row(
            arguments: ["rules", "add", "r", "--channel", "US Store", "--when", "currency in "],
            outcome: .refused(3, mentions: "no value")),
        Row(
            arguments: ["rules", "add", "r", "--channel", "Nowhere", "--when", "currency = USD"],
            outcome: .refused(4, mentions: "Nowhere")),
        Row(
            arguments: ["rules", "add", "r';--", "--channel", "US Store", "--when", "sku = 'x' OR 1=1"],
            outcome: .ruleNamed("r';--")),
        Row(
            arguments: [
                "rules", "add", "r\u{E8}gle-\u{E9}t\u{E9}", "--channel", "US Store", "--when", "alias prefix ü",
            ],
            outcome: .ruleNamed("r\u{E8}gle-\u{E9}t\u{E9}")),
    ]

    /// Options: numbers, points in the log, URLs, stores, files and settings.
    static let options: [Row] = [
        Row(arguments: ["history", "--limit", "0"], outcome: .refused(64, mentions: "--limit")),
        Row(arguments: ["history", "--limit", "abc"], outcome: .refused(64, mentions: "abc")),
        Row(arguments: ["history", "--limit", "99999999999999999999999"], outcome: .refused(64, mentions: "--limit")),
        Row(arguments: ["channels", "list", "--as-of", "@abc"], outcome: .refused(64, mentions: "@abc")),
        Row(arguments: ["channels", "list", "--as-of", "@999999"], outcome: .refused(64, mentions: "past the head")),
        Row(arguments: ["channels", "list", "--as-of", "2020-13-45"], outcome: .refused(64, mentions: "2020-13-45")),
        Row(arguments: ["channels", "list", "--as-of", "x\ny"], outcome: .refused(64, mentions: #""x\ny""#)),
        Row(arguments: ["status", "--store", "mysql://db/ledger"], outcome: .refused(64, mentions: "postgres://")),
        Row(arguments: ["status", "--store", "postgres://bad host/db"], outcome: .refused(64, mentions: "space")),
        Row(arguments: ["status", "--store", "postgres://h:99999/db"], outcome: .refused(64, mentions: "port")),
        Row(arguments: ["status", "--store", "/nonexistent/folder/x.sqlite"], outcome: .refused(4, mentions: "init")),
        Row(
            arguments: ["connected-app", "register", "--consumer-key", "k", "--my-domain", "not a url"],
            stdin: "secret", outcome: .refused(3, mentions: "My Domain")),
        Row(
            arguments: ["connected-app", "register", "--consumer-key", "k", "--my-domain", "http://example.com"],
            stdin: "secret", outcome: .refused(3, mentions: "My Domain")),
        Row(
            arguments: ["connected-app", "register", "--consumer-key", "k", "--my-domain", "javascript:alert(1)"],
            stdin: "secret", outcome: .refused(3, mentions: "My Domain")),
        Row(
            arguments: [
                "channels", "credentials", "Café", "--client-id", "a b", "--target-id", "T", "--client-secret-stdin",
            ], stdin: "secret", outcome: .refused(3, mentions: "whitespace")),
        Row(
            arguments: [
                "channels", "credentials", "Café", "--client-id", tenKilobytes, "--target-id", "T",
                "--client-secret-stdin",
            ], stdin: "secret", outcome: .refused(3, mentions: "200")),
        Row(arguments: ["settings", "set", "nope", "1"], outcome: .refused(3, mentions: "settings list")),
        Row(arguments: ["settings", "set", "http.request-timeout", "abc"], outcome: .refused(3, mentions: "1 to 600")),
        Row(arguments: ["settings", "set", "http.request-timeout", "601"], outcome: .refused(3, mentions: "1 to 600")),
        Row(arguments: ["export", "/nonexistent/folder/out.jsonl"], outcome: .refused(64, mentions: "writable")),
        Row(arguments: ["import", "/nonexistent/folder/in.jsonl"], outcome: .refused(4, mentions: "in.jsonl")),
        Row(arguments: ["import", "/tmp/a\nb.jsonl"], outcome: .refused(4, mentions: #""/tmp/a\nb.jsonl""#)),
        Row(arguments: ["status", "--store", "/tmp/x\u{202E}y.sqlite"], outcome: .refused(4, mentions: #"\u{202E}"#)),
        Row(
            arguments: ["mappings", "configure", "US Store", "order", "--field", "Status\nX"],
            outcome: .refused(64, mentions: #""Status\nX""#)),
    ]

    @Test func everyRowIsRefusedInOneLineOrStoredInItsNormalForm() throws {
        let cli = try Self.store()
        let garbage = cli.folder.appendingPathComponent("garbage.jsonl")
        try Data("not an export\n\u{0}\u{1}{\"}".utf8).write(to: garbage)
        let folder = cli.folder.appendingPathComponent("backups").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let export = cli.folder.appendingPathComponent("ledger.jsonl").path
        try #require(try cli("export", export).status == 0)
        let files = [
            Row(arguments: ["export", cli.folder.path], outcome: .refused(64, mentions: "exists")),
            Row(
                arguments: ["import", garbage.path, "--store", cli.folder.appendingPathComponent("new.sqlite").path],
                outcome: .refused(3, mentions: "line 1")),
            Row(arguments: ["orders", "import", cli.folder.path], outcome: .refused(64, mentions: cli.folder.path)),
            Row(
                arguments: [
                    "import", cli.folder.path, "--store", cli.folder.appendingPathComponent("copy.sqlite").path,
                ],
                outcome: .refused(64, mentions: "is a folder; give the path of a file `channel-ledger export` wrote")),
            Row(
                arguments: ["orders", "import", export],
                outcome: .refused(64, mentions: "is a channel-ledger export, not Buy with Prime events")),
            Row(
                arguments: ["history", "--store", folder], outcome: .refused(64, mentions: "is a folder, not a store")),
            Row(arguments: ["init", "--store", folder], outcome: .refused(64, mentions: "backups/ledger.sqlite")),
        ]
        var accepted: [(Row, String)] = []
        for row in Self.channelNames + Self.unknownThings + Self.rules + Self.options + files {
            let before = try head(cli)
            let run = try cli.run(row.arguments, stdin: row.stdin)
            let shown = row.arguments.map { $0.count > 40 ? String($0.prefix(20)) + "…" : $0 }
            switch row.outcome {
            case .refused(let code, let mentions):
                let first =
                    run.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                #expect(run.status == code, "\(shown): \(run.status) \(first)")
                #expect(first.contains(mentions), "\(shown): the line should name \(mentions): \(first)")
                #expect(first.hasPrefix("error: ") || first.hasPrefix("Error: "), "\(shown): \(first)")
                #expect(first.count <= 400, "\(shown): a line of \(first.count) characters")
                if first.hasPrefix("error: ") {
                    #expect(run.stderr == first + "\n", "\(shown): one line only: \(run.stderr)")
                }
                for trace in ["Fatal error", "Stack dump", "backtrace", "Swift runtime failure"] {
                    #expect(!run.stderr.contains(trace), "\(shown): \(run.stderr)")
                }
                #expect(try head(cli) == before, "\(shown) recorded something it refused")
            case .channelNamed(let stored), .ruleNamed(let stored):
                #expect(run.status == 0, "\(shown): \(run)")
                accepted.append((row, stored))
            }
        }
        try checkRoundTrips(accepted, cli)
        #expect(
            !FileManager.default.fileExists(atPath: folder + ".lock"), "a store path that is a folder is left alone")
    }

    /// Bodies no Buy with Prime delivery has, sent to the webhook route with valid credentials:
    /// each answered 400 (or 413 when over the cap) with a one-line JSON error, nothing recorded, and
    /// the server still answering afterwards.
    @Test func everyBadBodyToTheWebhookRouteIsAClientErrorAndRecordsNothing() async throws {
        let (cli, sandbox, _) = try await ServeCLITests.ledger()
        // Intake alone: the publisher's records would move the head the test compares.
        let server = try await WebhookServe.start(cli, arguments: ["--no-publisher"])
        defer { server.kill() }
        let target = sandbox.accounts[0].targetId
        func envelope(key: String = "k-bad", descriptor: String = "ORDER_CONFIRMED", order: String) -> Data {
            let body: [String: Any] = [
                "idempotencyKey": key, "eventDescriptor": descriptor,
                "resources": ["businessProduct/\(target)/order/\(order)"],
            ]
            return (try? JSONSerialization.data(withJSONObject: body)) ?? Data()
        }
        let bodies: [(String, Data, Int)] = [
            ("empty", Data(), 400),
            ("whitespace", Data("  \n\t ".utf8), 400),
            ("null", Data("null".utf8), 400),
            ("an array", Data("[]".utf8), 400),
            ("an empty object", Data("{}".utf8), 400),
            ("not UTF-8", Data([0xFF, 0xFE, 0x00, 0x7B]), 400),
            ("10 kB of text", Data(Self.tenKilobytes.utf8), 400),
            (
                "nested 100,000 deep",
                Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8), 400
            ),
            (
                "a huge number",
                Data(#"{"idempotencyKey":1e999999,"eventDescriptor":"ORDER_CONFIRMED","resources":[]}"#.utf8), 400
            ),
            ("an order id with a newline", envelope(order: "322-\nX"), 400),
            ("an order id with a right-to-left override", envelope(order: "322-\u{202E}X"), 400),
            ("an order id of 10 kB", envelope(order: Self.tenKilobytes), 400),
            ("an empty idempotency key", envelope(key: "", order: "322-GRLG-823788"), 400),
            ("an idempotency key of 10 kB", envelope(key: Self.tenKilobytes, order: "322-GRLG-823788"), 400),
            ("SQL in the order id", envelope(order: "x' OR '1'='1"), 400),
            ("over the size cap", Data(repeating: UInt8(ascii: " "), count: (1 << 20) + 1), 413),
        ]
        let before = try await cli.head()
        for (name, body, status) in bodies {
            let answer = try await server.deliver(
                body, subscription: sandbox.webhook.subscription, credentials: ServeCLITests.credentials(sandbox))
            #expect(answer.status == status, "\(name): \(answer.status) \(answer.text.prefix(300))")
            let error = try? answer.object()["error"] as? String
            #expect(
                error.map { !$0.isEmpty && !$0.contains("\n") && $0.count <= 400 } == true,
                "\(name): \(answer.text.prefix(300))")
        }
        #expect(try await cli.head() == before, "a refused body recorded something")
        #expect(try await server.get("/health").status == 200, "the server still answers")
        let stopped = try await server.stop()
        #expect(stopped.status == 0, "\(stopped)")
        for trace in ["Fatal error", "Stack dump", "Swift runtime failure"] {
            #expect(!stopped.stderr.contains(trace), "\(stopped.stderr.prefix(2_000))")
        }
    }

    /// Each accepted text, as `--json`, `history` and `export` give it back: the row's bytes.
    func checkRoundTrips(_ accepted: [(Row, String)], _ cli: CLI) throws {
        let channels = try cli("channels", "list", "--json").array()
        let rules = try #require(try cli("rules", "list", "--json").object()["rules"] as? [[String: Any]])
        let export = cli.folder.appendingPathComponent("round-trip.jsonl")
        #expect(try cli("export", export.path).status == 0)
        let payloads = try String(contentsOf: export, encoding: .utf8).split(separator: "\n").dropFirst().compactMap {
            line -> [String: Any]? in
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let payload = try #require(event["payload"] as? String)
            return try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]
        }
        func bytes(_ value: Any?) -> [UInt8]? { (value as? String).map { Array($0.utf8) } }
        for (row, stored) in accepted {
            let want = Array(stored.utf8)
            switch row.outcome {
            case .channelNamed:
                #expect(channels.contains { bytes($0["name"]) == want }, "channels list --json lacks \(stored)")
                let history = try cli("history", "--channel", stored, "--json").lines()
                let created = try #require(history.first?["payload"] as? [String: Any], "history of \(stored)")
                #expect(bytes(created["name"]) == want, "history --channel \(stored)")
                #expect(payloads.contains { bytes($0["name"]) == want }, "export lacks \(stored)")
            case .ruleNamed:
                #expect(rules.contains { bytes($0["name"]) == want }, "rules list --json lacks \(stored)")
                let history = try cli("history", "--stream", "association-rules", "--json").lines()
                #expect(
                    history.contains { bytes(($0["payload"] as? [String: Any])?["name"]) == want },
                    "history of the flow lacks \(stored)")
                #expect(payloads.contains { bytes($0["name"]) == want }, "export lacks \(stored)")
            case .refused:
                break
            }
        }
    }

    /// The log's head: position and hash.
    func head(_ cli: CLI) throws -> String {
        let status = try cli("status", "--json").object()
        return "\(status["headPosition"] ?? "-") \(status["headHash"] ?? "-")"
    }
}
