import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `webhooks` and `serve` as a user would run them: subscriptions with sealed passwords, deliveries
/// over real HTTP answered as Docs/openapi.yaml says, exactly once, also across a `kill -9`.
@Suite struct ServeCLITests {
    /// US Store live on the first sandbox account, the demo subscription added; the sandbox's
    /// webhook envelopes, one `Data` per line.
    static func ledger() async throws -> (CLI, SandboxAccounts, [Data]) {
        let cli = try CLI()
        let sandbox = try await offThePool { () throws -> SandboxAccounts in
            let sandbox = try cli.prepared()
            try cli.readyChannel("US Store", sandbox.accounts[0])
            try #require(try cli("channels", "launch", "US Store").status == 0)
            try cli.addWebhookSubscription(sandbox)
            return sandbox
        }
        let hooks = try await cli.exec("sandbox", "webhooks")
        return (cli, sandbox, hooks.stdout.split(separator: "\n").map { Data($0.utf8) })
    }

    static func credentials(_ sandbox: SandboxAccounts) -> (String, String) {
        (sandbox.webhook.username, sandbox.webhook.password)
    }

    @Test func subscriptionsAreListedWithoutTheirPasswordAndRemovedByName() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let add = try cli("webhooks", "add", "orders-eu", "--username", "bwp", "--password-stdin", stdin: "pa55word\n")
        #expect(add.status == 0, "\(add)")
        let again = try cli(
            "webhooks", "add", "orders-eu", "--username", "bwp", "--password-stdin", stdin: "pa55word\n")
        #expect(again.stdout.contains("unchanged"), "\(again)")
        let list = try cli("webhooks", "list", "--json").object()
        let entry = try #require((list["subscriptions"] as? [[String: Any]])?.first)
        #expect(entry["name"] as? String == "orders-eu" && entry["username"] as? String == "bwp")
        #expect(entry["path"] as? String == "/webhooks/buy-with-prime/orders-eu")
        #expect((entry["passwordFingerprint"] as? String)?.count == 16)
        #expect(!cli.printed.contains("pa55word"), "the password is never printed")
        #expect(!(try cli("export", "-").stdout.contains("pa55word")), "nor exported")

        for (arguments, status) in [
            (["webhooks", "add", "orders/eu", "--username", "bwp", "--password-stdin"], 3),
            (["webhooks", "add", "orders-us", "--username", "b:wp", "--password-stdin"], 3),
            (["webhooks", "remove", "orders-us"], 4),
        ] {
            let run = try cli.run(arguments, stdin: "x\n")
            #expect(run.status == status && run.errorLines.count == 1, "\(arguments): \(run)")
        }
        let empty = try cli("webhooks", "add", "orders-us", "--username", "bwp", "--password-stdin", stdin: "\n")
        #expect(empty.status == 64 && empty.errorLines.count == 1, "\(empty)")
        #expect(try cli("webhooks", "remove", "orders-eu").status == 0)
        #expect(try cli("webhooks", "list").stdout.contains("no webhook subscriptions"))
    }

    @Test func deliveriesAreAnsweredAsDocumentedAndRecordedOnce() async throws {
        let (cli, sandbox, lines) = try await Self.ledger()
        // Intake alone: the publisher would record the channel's and the orders' publications
        // between the test's reads of the head (a fresh-clone CI run caught it doing so).
        let server = try await WebhookServe.start(cli, arguments: ["--no-publisher"])
        defer { server.kill() }
        let subscription = sandbox.webhook.subscription
        let us = try #require(lines.first)
        let outlet = try #require(
            lines.first { String(decoding: $0, as: UTF8.self).contains(sandbox.accounts[2].targetId) })

        let health = try await server.get("/health")
        let healthStatus = try health.object()["status"] as? String
        #expect(health.status == 200 && healthStatus == "ok")
        for path in ["/", "/webhooks/buy-with-prime", "/favicon.ico"] {
            let unknown = try await server.get(path)
            let error = try unknown.object()["error"] as? String
            #expect(
                unknown.status == 404 && error?.contains("POST /webhooks/buy-with-prime/SUBSCRIPTION") == true,
                "\(path): \(unknown.text)")
        }

        let first = try await server.deliver(us, subscription: subscription, credentials: Self.credentials(sandbox))
        #expect(first.status == 200, "\(first.text)")
        let firstBody = try first.object()
        #expect(firstBody["outcome"] as? String == "recorded" && firstBody["associated"] as? Bool == true)
        let head = try await cli.head()
        let again = try await server.deliver(us, subscription: subscription, credentials: Self.credentials(sandbox))
        let againOutcome = try again.object()["outcome"] as? String
        #expect(again.status == 200 && againOutcome == "duplicate")
        #expect(try await cli.head() == head, "a redelivery records nothing")

        let unowned = try await server.deliver(
            outlet, subscription: subscription, credentials: Self.credentials(sandbox))
        #expect(unowned.status == 202, "no channel owns the Outlet's target ID: \(unowned.text)")

        for (credentials, name) in [
            (nil, subscription), ((sandbox.webhook.username, "wrong"), subscription),
            (Self.credentials(sandbox), "another-subscription"),
        ] as [((String, String)?, String)] {
            let refused = try await server.deliver(us, subscription: name, credentials: credentials)
            #expect(refused.status == 401, "\(name): \(refused.text)")
            #expect((refused.headers["www-authenticate"] as? String)?.hasPrefix("Basic") == true, "\(refused.headers)")
        }
        let malformed = try await server.deliver(
            Data("{not json".utf8), subscription: subscription, credentials: Self.credentials(sandbox))
        let malformedError = try malformed.object()["error"] as? String
        #expect(malformed.status == 400 && malformedError != nil)
        let huge = try await server.deliver(
            Data(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1), subscription: subscription,
            credentials: Self.credentials(sandbox))
        #expect(huge.status == 413, "\(huge.text)")
        let thin = Data(
            #"{"idempotencyKey":"k-thin","eventDescriptor":"ORDER_CONFIRMED","resources":["businessProduct/\#(sandbox.accounts[0].targetId)/order/322-NOPE-000000"]}"#
                .utf8)
        let later = try await server.deliver(thin, subscription: subscription, credentials: Self.credentials(sandbox))
        #expect(later.status == 503 && later.headers["retry-after"] != nil, "the order is not there yet: \(later.text)")
        #expect(try await cli.head() == head + 1, "only the Outlet order was recorded since")

        let stopped = try await server.stop()
        #expect(stopped.status == 0, "SIGTERM stops it cleanly: \(stopped)")
        #expect(!cli.printed.contains(sandbox.webhook.password))
        let list = try await cli.exec("orders", "list", "--json").array()
        #expect(list.count == 2)
        #expect(try await cli.exec("verify").status == 0)
    }

    @Test func everyOrderIsRecordedOnceThroughAKill9AndARestart() async throws {
        let (cli, sandbox, lines) = try await Self.ledger()
        let confirmations = lines.filter { String(decoding: $0, as: UTF8.self).contains("ORDER_CONFIRMED") }
        let expected = Set(confirmations.map { String(decoding: $0, as: UTF8.self) }).count
        let first = try await WebhookServe.start(cli)
        // Eight senders at once; the server dies under them.
        await withTaskGroup(of: Void.self) { group in
            for (index, line) in lines.enumerated() {
                group.addTask {
                    _ = try? await first.deliver(
                        line, subscription: sandbox.webhook.subscription, credentials: Self.credentials(sandbox))
                }
                if index % 8 == 7 { await group.next() }
                if index == lines.count / 3 { try? await first.kill9() }
            }
        }
        first.kill()
        #expect(try await cli.exec("verify").status == 0, "a kill -9 leaves the log whole")

        let second = try await WebhookServe.start(cli)
        defer { second.kill() }
        var statuses: [Int] = []
        for line in lines {
            statuses.append(
                try await second.deliver(
                    line, subscription: sandbox.webhook.subscription, credentials: Self.credentials(sandbox)
                ).status)
        }
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 202 }, "\(statuses)")
        _ = try await second.stop()
        let orders = try await cli.exec("orders", "list", "--limit", "1000", "--json").array()
        #expect(orders.count == expected, "each order once")
        let us = orders.filter { $0["targetId"] as? String == sandbox.accounts[0].targetId }
        #expect(us.allSatisfy { $0["channel"] as? String == "US Store" })
        let history = try await cli.exec("history", "--type", "OrderReceived", "--json")
        #expect(try history.lines().count == expected, "OrderReceived once per order")
        #expect(try await cli.exec("verify").status == 0)
    }

    @Test func aPortTakenByAnotherProcessIsNamedWithTheFix() async throws {
        let cli = try CLI()
        #expect(try await cli.exec("init").status == 0)
        let first = try await WebhookServe.start(cli, arguments: ["--no-publisher"])
        defer { first.kill() }
        let port = try #require(first.baseURL.split(separator: ":").last.map(String.init))

        let second = try await cli.exec("serve", "--port", port, "--no-publisher")
        #expect(second.status == 64, "\(second)")
        #expect(
            second.errorLines.filter { $0.hasPrefix("error:") }
                == [
                    "error: port \(port) on 127.0.0.1 is taken by another process; choose another --port, or --port 0 for a free one"
                ],
            "one line naming the port and the fix: \(second)")
        #expect(try await first.get("/health").status == 200, "the first server still answers")
    }

    @Test func plainHTTPLeavesTheMachineOnlyBehindAProxyAndTLSServesHTTPS() async throws {
        let cli = try CLI()
        #expect(try await cli.exec("init").status == 0)
        let refused = try await cli.exec("serve", "--host", "0.0.0.0", "--port", "0")
        #expect(refused.status == 64 && refused.stderr.contains("--plain-http-behind-proxy"), "\(refused)")
        let half = try await cli.exec("serve", "--tls-cert", "x.pem", "--port", "0")
        #expect(half.status == 64, "\(half)")

        let cert = cli.folder.appendingPathComponent("cert.pem").path
        let key = cli.folder.appendingPathComponent("key.pem").path
        let openssl = try await offThePool { () throws -> Int32 in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        try #require(openssl == 0)
        let server = try await WebhookServe.start(cli, arguments: ["--tls-cert", cert, "--tls-key", key])
        defer { server.kill() }
        #expect(server.baseURL.hasPrefix("https://"))
        let curl = try await offThePool { () throws -> String in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-s", "--cacert", cert, server.baseURL + "/health"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        #expect(curl.contains(#""status":"ok""#), "\(curl)")
        #expect(try await server.stop().status == 0)
    }
}

extension ServeCLITests {
    @Test func twoServersOnOneStoreRecordEachOrderOnce() async throws {
        let (cli, sandbox, lines) = try await Self.ledger()
        let confirmations = Set(
            lines.map { String(decoding: $0, as: UTF8.self) }.filter { $0.contains("ORDER_CONFIRMED") })
        let first = try await WebhookServe.start(cli)
        defer { first.kill() }
        let second = try await WebhookServe.start(cli)
        defer { second.kill() }

        // Every delivery goes to both servers at once, as a retrying sender behind a balancer might.
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for (index, line) in lines.enumerated() {
                group.addTask {
                    async let one = first.deliver(
                        line, subscription: sandbox.webhook.subscription, credentials: Self.credentials(sandbox))
                    async let two = second.deliver(
                        line, subscription: sandbox.webhook.subscription, credentials: Self.credentials(sandbox))
                    return [try await one.status, try await two.status]
                }
                if index % 4 == 3 { _ = try await group.next() }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 202 }, "\(statuses)")
        _ = try await first.stop()
        _ = try await second.stop()
        let orders = try await cli.exec("orders", "list", "--limit", "1000", "--json").array()
        #expect(orders.count == confirmations.count, "each order once")
        let received = try await cli.exec("history", "--type", "OrderReceived", "--json").lines()
        #expect(received.count == confirmations.count)
        let associated = try await cli.exec("history", "--type", "OrderAssociated", "--json").lines()
        let us = orders.filter { $0["targetId"] as? String == sandbox.accounts[0].targetId }
        #expect(associated.count == us.count, "each US order associated once")
        #expect(try await cli.exec("verify").status == 0)
    }
}
