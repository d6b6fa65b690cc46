import Foundation
import Testing

/// Secret and personal-data hygiene: the whole workflow over HTTP with secrets and a customer
/// that are not the sandbox's public fixtures, every command at `--log-level debug` (`serve`
/// taking the webhooks and publishing too); then every
/// byte the program produced is searched: what it printed, the export, the backup, the store file
/// with its write-ahead log, and the sandbox's request record. No secret appears anywhere; the
/// customer's name and email never appear in a file, and not in anything printed once forgotten.
/// On SQLite the store file and its write-ahead log are searched; on PostgreSQL, the store's tables
/// as `pg_dump` gives them. Then a key file that others can read is refused in one line.
@Suite(.timeLimit(.minutes(3)))
struct SecretHygieneCLITests {
    enum Store: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// Lower-case hex of the text's UTF-8 bytes, as `pg_dump` writes a bytea.
    static func hex(_ text: String) -> String {
        text.utf8.map { String(format: "%02x", $0) }.joined()
    }

    @Test(arguments: Store.allCases)
    func noSecretOrForgottenCustomerLeavesAnyByteTheProgramProduced(_ kind: Store) async throws {
        var cli = try CLI()
        var schema: String?
        if kind == .postgres {
            guard PostgresCLIServer.url != nil || ProcessInfo.processInfo.environment["CI"] == "true" else { return }
            let url = try PostgresCLITests().storeURL()
            cli.environment["CHANNEL_LEDGER_STORE"] = url
            schema = try #require(url.split(separator: "schema=").last.map(String.init))
        }
        let marker = UUID().uuidString.prefix(8).lowercased()
        let secrets = (consumer: "cs-\(marker)-Zq8", client: "bwp-\(marker)-Kx4", webhook: "wh-\(marker)-Pv2")
        let customer = (name: "Quillon Marchetti-\(marker)", email: "quillon.\(marker)@mail.example")

        // The sandbox's accounts with secrets of our own.
        var accounts = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try await cli.exec("sandbox", "accounts", "--json").stdout.utf8))
                as? [String: Any])
        var salesforce = try #require(accounts["salesforce"] as? [String: Any])
        salesforce["consumerSecret"] = secrets.consumer
        accounts["salesforce"] = salesforce
        var buyWithPrime = try #require(accounts["buyWithPrime"] as? [[String: Any]])
        buyWithPrime[0]["clientSecret"] = secrets.client
        accounts["buyWithPrime"] = buyWithPrime
        var webhook = try #require(accounts["webhook"] as? [String: Any])
        webhook["password"] = secrets.webhook
        accounts["webhook"] = webhook
        let accountsFile = cli.path("accounts.json")
        try JSONSerialization.data(withJSONObject: accounts).write(to: URL(fileURLWithPath: accountsFile))
        let server = try await SandboxServe.start(cli, arguments: ["--accounts", accountsFile])
        defer { server.kill() }

        let consumerKey = try #require(salesforce["consumerKey"] as? String)
        let account = try #require(buyWithPrime.first)
        let debug = ["--log-level", "debug"]
        func step(_ arguments: [String], stdin: String? = nil) async throws {
            let run = try await cli.exec(arguments: arguments + debug, stdin: stdin)
            #expect(run.status == 0, "\(arguments): \(run)")
        }
        try await step(["init"])
        try await step(
            [
                "connected-app", "register", "--consumer-key", consumerKey, "--my-domain", server.baseURL,
                "--consumer-secret-stdin",
            ], stdin: secrets.consumer + "\n")
        try await step(["channels", "create", "US Store", "--endpoint", server.baseURL])
        try await step(
            [
                "channels", "credentials", "US Store", "--client-id", try #require(account["clientId"] as? String),
                "--target-id", try #require(account["targetId"] as? String), "--client-secret-stdin",
            ],
            stdin: secrets.client)
        for arguments in [
            ["channels", "authorize", "US Store"], ["mappings", "activate", "US Store", "--all"],
            ["channels", "launch", "US Store"],
        ] { try await step(arguments) }
        try await step(
            [
                "webhooks", "add", try #require(webhook["subscription"] as? String), "--username",
                try #require(webhook["username"] as? String), "--password-stdin",
            ], stdin: secrets.webhook + "\n")

        // The sandbox's webhooks, the first order's customer replaced by ours.
        var lines = try await cli.exec("sandbox", "webhooks").stdout.split(separator: "\n").map(String.init)
        let first = try #require(
            try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let order = try #require((first["data"] as? [String: Any])?["order"] as? [String: Any])
        let contact = try #require((order["customer"] as? [String: Any])?["contact"] as? [String: String])
        let customerId = try #require((order["customer"] as? [String: Any])?["bwpCustomerId"] as? String)
        let orderId = try #require(order["id"] as? String)
        for (index, line) in lines.enumerated() where line.contains(customerId) {
            lines[index] = line.replacingOccurrences(of: try #require(contact["name"]), with: customer.name)
                .replacingOccurrences(of: try #require(contact["email"]), with: customer.email)
        }
        // `serve` at debug level takes them over HTTP, publishing as it goes; one delivery without
        // the password, and one with a wrong one, record nothing.
        let subscription = try #require(webhook["subscription"] as? String)
        let username = try #require(webhook["username"] as? String)
        // The channel published first, so that serve's publisher has nothing to record until orders come.
        try await step(["publish"])
        let serve = try await WebhookServe.start(cli, arguments: debug)
        let headBefore = try await cli.head()
        for credentials in [nil, (username, "wrong-\(marker)")] {
            let refused = try await serve.deliver(
                Data(lines[0].utf8), subscription: subscription, credentials: credentials)
            #expect(refused.status == 401, "\(refused.status) \(refused.text)")
        }
        #expect(try await cli.head() == headBefore, "an unauthenticated delivery records nothing")
        for line in lines {
            let answer = try await serve.deliver(
                Data(line.utf8), subscription: subscription, credentials: (username, secrets.webhook))
            #expect([200, 202].contains(answer.status), "\(answer.status) \(answer.text)")
        }
        let served = try await serve.stop()
        #expect(served.status == 0 && served.stderr.contains("debug"), "serve logged at debug level: \(served)")
        try await step(["publish"])
        let shown = try await cli.exec("orders", "show", orderId, "--json")
        #expect(shown.stdout.contains(customer.name), "the name reads back before the customer is forgotten")

        try await step(["orders", "forget-customer", customerId])
        let afterForgetting = cli.printed.count
        let export = cli.path("export.jsonl")
        try await step(["export", export])
        let backup = cli.path("ledger.backup")
        if kind == .sqlite { try await step(["backup", backup]) }
        for arguments in [
            ["orders", "show", orderId], ["orders", "show", orderId, "--json"], ["orders", "list", "--json"],
            ["history", "--json"], ["connected-app", "show", "--json"], ["channels", "show", "US Store", "--json"],
            ["webhooks", "list", "--json"], ["publish", "status", "--json"], ["stats"],
        ] { try await step(arguments) }
        let forgotten = try await cli.exec("orders", "show", orderId, "--json").object()
        #expect((forgotten["customer"] as? [String: Any])?["name"] as? String == "<forgotten>")

        // Every byte produced: printed output, files, and what the server recorded. The webhook
        // password is also searched as it travels, in a basic authorization header.
        let authorization = Data("\(username):\(secrets.webhook)".utf8).base64EncodedString()
        let (_, requests) = try await server.requests()
        var files = [cli.store, cli.store + "-wal", export, backup].filter {
            FileManager.default.fileExists(atPath: $0)
        }
        if let schema {
            let dump = cli.path("tables.sql")
            let run = try await offThePool {
                try PostgresCLIServer.dump(schema: schema, to: dump)
            }
            #expect(run, "pg_dump of \(schema)")
            // Payloads and documents are bytea, which the dump writes in hex: searched in hex as well.
            let tables = try String(contentsOfFile: dump, encoding: .utf8)
            #expect(
                tables.contains(Self.hex(consumerKey)) && tables.contains("OrderReceived"), "the dump holds the log")
            for needle in [
                secrets.consumer, secrets.client, secrets.webhook, authorization, customer.name, customer.email,
            ] {
                #expect(!tables.contains(Self.hex(needle)), "\(needle), in hex, in the tables of \(schema)")
            }
            files.append(dump)
        }
        var searched = 0
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            searched += bytes.count
            for needle in [
                secrets.consumer, secrets.client, secrets.webhook, authorization, customer.name, customer.email,
            ] {
                #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) in \(file)")
            }
        }
        let printed = cli.printed
        searched += printed.utf8.count + requests.utf8.count
        for secret in [secrets.consumer, secrets.client, secrets.webhook, authorization] {
            #expect(!printed.contains(secret), "a secret in what the program printed")
            #expect(!requests.contains(secret), "a secret in the sandbox's request record")
        }
        let printedAfter = String(printed.dropFirst(afterForgetting))
        #expect(
            !printedAfter.contains(customer.name) && !printedAfter.contains(customer.email), "forgotten, yet printed")
        #expect(searched > 100_000, "searched \(searched) bytes")

        let keySource = try #require(try await cli.exec("status", "--json").object()["keySource"] as? String)
        let keyFile = try #require(keySource.split(separator: "key file ").last.map(String.init), "\(keySource)")
        for file in (kind == .sqlite ? [cli.store, backup] : []) + [keyFile] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file) is \(String(mode ?? 0, radix: 8))")
        }

        // A key file others can read is refused, in one line that says how to fix it.
        let head = try await cli.head()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
        let refused = try await cli.exec(
            arguments: [
                "channels", "credentials", "US Store", "--client-id", try #require(account["clientId"] as? String),
                "--target-id", try #require(account["targetId"] as? String), "--client-secret-stdin",
            ], stdin: secrets.client)
        #expect(refused.status == 9, "\(refused)")
        #expect(refused.stderr.contains("open to other users") && refused.stderr.contains("chmod 600"), "\(refused)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "one line: \(refused.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        #expect(try await cli.head() == head, "nothing recorded with a key others can read")
    }
}
