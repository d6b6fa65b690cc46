import Crypto
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real binary over real HTTP: `sandbox serve` in a child process, and every step through the
/// live transport (the connected app's default) as a user would take it.
@Suite(.timeLimit(.minutes(3)))
struct LiveCLITests {
    @Test func aChannelIsSetUpAndLaunchedOverHTTPAndTheServerSeesOnlyFingerprints() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        let sandbox = try await cli.preparedLive(server)
        let us = sandbox.accounts[0]

        let app = try await cli.exec("connected-app", "show", "--json").object()
        #expect(app["authorization"] as? String == "authorized", "\(app)")
        #expect((app["inForce"] as? [String: Any])?["transport"] as? String == "live", "live is the default")
        #expect((app["inForce"] as? [String: Any])?["myDomain"] as? String == server.baseURL)

        let created = try await cli.exec("channels", "create", "US Store", "--endpoint", server.baseURL, "--json")
        #expect(created.status == 0, "\(created)")
        #expect(try created.object()["transport"] as? String == "live", "the connected app's transport")
        try await cli.credentials("US Store", us)
        let authorized = try await cli.exec("channels", "authorize", "US Store", "--json")
        #expect(authorized.status == 0, "\(authorized)")
        #expect(try authorized.object()["credentials"] as? String == "authorized", "\(authorized)")
        let activated = try await cli.exec("mappings", "activate", "US Store", "--all")
        #expect(activated.status == 0, "\(activated)")
        let launched = try await cli.exec("channels", "launch", "US Store", "--json")
        #expect(launched.status == 0, "\(launched)")
        #expect(try launched.object()["status"] as? String == "live", "\(launched)")

        // What the server received: the connected app's token, then the channel's token and probe.
        let (log, text) = try await server.requests()
        #expect(
            log.map { "\($0["method"] ?? "") \($0["path"] ?? "") \($0["status"] ?? "")" } == [
                "POST /services/oauth2/token 200", "POST /token 200", "POST /graphql 200",
            ])
        guard log.count == 3 else { return }
        #expect(log[0]["clientId"] as? String == sandbox.consumerKey)
        #expect(log[0]["secretFingerprint"] as? String == SandboxServe.fingerprint(sandbox.consumerSecret))
        #expect(log[1]["clientId"] as? String == us.clientId)
        #expect(log[1]["secretFingerprint"] as? String == SandboxServe.fingerprint(us.clientSecret))
        #expect(log[2]["targetId"] as? String == us.targetId)
        #expect(log[2]["clientId"] as? String == us.clientId, "the probe carried the token just issued")
        #expect((log[2]["tokenFingerprint"] as? String)?.count == 8)
        for secret in sandbox.secrets { #expect(!text.contains(secret), "the request log shows a secret") }

        let stopped = try await server.stop()
        #expect(stopped.status == 0, "\(stopped)")
        #expect(stopped.stderr.contains("POST /graphql 200"), "\(stopped)")
        for secret in sandbox.secrets { #expect(!cli.printed.contains(secret), "a secret was printed") }
    }

    @Test func aWrongClientSecretIsRecordedAsAuthorizationFailed() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        let sandbox = try await cli.preparedLive(server)
        let us = sandbox.accounts[0]
        #expect(try await cli.exec("channels", "create", "US Store", "--endpoint", server.baseURL).status == 0)
        let wrong = "not-the-us-storefront-secret"
        try await cli.credentials("US Store", us, secret: wrong)

        let before = try await cli.head()
        let rejected = try await cli.exec("channels", "authorize", "US Store", "--json")
        #expect(rejected.status == 5, "\(rejected)")
        #expect(rejected.stderr.split(separator: "\n").count == 1, "\(rejected)")
        #expect(rejected.stderr.contains("invalid_client"), "\(rejected)")
        #expect(try rejected.object()["credentials"] as? String == "failed", "\(rejected)")
        #expect(try await cli.head() == before + 1, "the rejection is recorded")
        let failed = try await cli.exec("history", "--type", "AuthorizationFailed", "--json").lines()
        #expect(failed.count == 1)
        #expect(((failed.first?["payload"] as? [String: Any])?["code"] as? String) == "invalid_client", "\(failed)")

        let (log, text) = try await server.requests()
        let token = log.last { $0["path"] as? String == "/token" }
        #expect(token?["status"] as? Int == 401)
        #expect(
            token?["secretFingerprint"] as? String == SandboxServe.fingerprint(wrong),
            "the secret sent, as a fingerprint")
        #expect(!log.contains { $0["path"] as? String == "/graphql" }, "no probe after a refused token")
        #expect(!text.contains(wrong))

        // The right secret authorizes.
        try await cli.credentials("US Store", us)
        #expect(try await cli.exec("channels", "authorize", "US Store").status == 0)
        _ = try await server.stop()
        for secret in sandbox.secrets + [wrong] { #expect(!cli.printed.contains(secret), "a secret was printed") }
    }

    @Test func aStormOf500sOnTheTokenEndpointIsOneLineAndRecordsNothing() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        let sandbox = try await cli.preparedLive(server)
        let us = sandbox.accounts[0]
        #expect(try await cli.exec("channels", "create", "US Store", "--endpoint", server.baseURL).status == 0)
        try await cli.credentials("US Store", us)
        try await server.plan(["route": "POST /token", "count": 100, "fault": "500"])

        let before = try await cli.head()
        let unavailable = try await cli.exec("channels", "authorize", "US Store")
        #expect(unavailable.status == 6, "\(unavailable)")
        #expect(unavailable.stdout.isEmpty, "\(unavailable)")
        let lines = unavailable.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(unavailable)")
        #expect(
            lines.first?.contains("is unavailable (buy-with-prime.token: HTTP 500 (4 attempts))") == true,
            "\(unavailable)")
        #expect(try await cli.head() == before, "an unavailable service records nothing")

        let (log, _) = try await server.requests()
        let tokens = log.filter { $0["path"] as? String == "/token" }
        #expect(tokens.map { $0["fault"] as? String } == ["500", "500", "500", "500"], "four attempts, all refused")
        #expect(!log.contains { $0["path"] as? String == "/graphql" })

        try await server.clearFaults()
        let authorized = try await cli.exec("channels", "authorize", "US Store", "--json")
        #expect(authorized.status == 0, "\(authorized)")
        #expect(try authorized.object()["credentials"] as? String == "authorized")
        _ = try await server.stop()
        for secret in sandbox.secrets { #expect(!cli.printed.contains(secret), "a secret was printed") }
    }
}

/// `channel-ledger sandbox serve --port 0` as a child process: its base URL, its `/_sandbox/` routes
/// over HTTP, and SIGTERM to stop it.
struct SandboxServe {
    let cli: CLI
    let process: Process
    let out: URL
    let err: URL
    /// `http://127.0.0.1:PORT`, from the line the server prints once it listens.
    let baseURL: String

    /// Starts the server and waits (up to a minute) for its `sandbox listening on URL` line.
    static func start(_ cli: CLI, arguments: [String] = []) async throws -> SandboxServe {
        let (process, out, err) = try cli.start(["sandbox", "serve", "--port", "0"] + arguments, direct: true)
        guard let line = try await CLI.firstLine(of: out, from: process) else {
            if process.isRunning { process.terminate() }
            throw Failure(
                description:
                    "no line from sandbox serve (exit \(process.isRunning ? "-" : "\(process.terminationStatus)"))"
            )
        }
        guard let base = line.wholeMatch(of: /sandbox listening on (http:\/\/127\.0\.0\.1:[0-9]+)/)?.1 else {
            process.terminate()
            throw Failure(description: "unexpected first line from sandbox serve: \(line)")
        }
        return SandboxServe(cli: cli, process: process, out: out, err: err, baseURL: String(base))
    }

    /// `GET /_sandbox/requests`: the entries, oldest first, and the body as it came.
    func requests() async throws -> ([[String: Any]], String) {
        let (data, answer) = try await URLSession.shared.data(from: try url("/_sandbox/requests"))
        try #require((answer as? HTTPURLResponse)?.statusCode == 200)
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return (entries, String(decoding: data, as: UTF8.self))
    }

    /// `POST /_sandbox/faults` with `plan` (`{"route", "count", "fault", …}`); requires its 201.
    func plan(_ plan: [String: Any]) async throws {
        var request = URLRequest(url: try url("/_sandbox/faults"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: plan)
        let (data, answer) = try await URLSession.shared.data(for: request)
        let status = (answer as? HTTPURLResponse)?.statusCode
        try #require(status == 201, "\(String(describing: status)) \(String(decoding: data, as: UTF8.self))")
    }

    /// `POST /_sandbox/orders` `{"orderId"}`: the org has the order from now on, as once the managed
    /// package created it; requires its 201.
    func createOrgOrder(_ orderId: String) async throws {
        var request = URLRequest(url: try url("/_sandbox/orders"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["orderId": orderId])
        let (data, answer) = try await URLSession.shared.data(for: request)
        let status = (answer as? HTTPURLResponse)?.statusCode
        try #require(status == 201, "\(String(describing: status)) \(String(decoding: data, as: UTF8.self))")
    }

    /// `DELETE /_sandbox/faults`: forgets the faults still pending.
    func clearFaults() async throws {
        var request = URLRequest(url: try url("/_sandbox/faults"))
        request.httpMethod = "DELETE"
        let (_, answer) = try await URLSession.shared.data(for: request)
        try #require((answer as? HTTPURLResponse)?.statusCode == 204)
    }

    /// SIGTERM, then what the server printed (its output joins the CLI's transcript).
    func stop() async throws -> CLI.Run {
        let (cli, process, out, err) = (cli, process, out, err)
        return try await offThePool {
            process.terminate()
            process.waitUntilExit()
            return cli.finish(process, out, err)
        }
    }

    /// Stops the server if a test ended before ``stop()``.
    func kill() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// The request log's fingerprint of a secret: the first 8 hex digits of its SHA-256.
    static func fingerprint(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    private func url(_ path: String) throws -> URL {
        try #require(URL(string: baseURL + path))
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}

extension CLI {
    /// `channel-ledger ARGS`, waited for off the concurrency pool (see ``offThePool(_:)``).
    @discardableResult
    func exec(_ arguments: String..., stdin: String? = nil) async throws -> Run {
        try await offThePool { try self.run(arguments, stdin: stdin) }
    }

    /// `channel-ledger ARGS` from an array, waited for off the concurrency pool.
    @discardableResult
    func exec(arguments: [String], stdin: String? = nil) async throws -> Run {
        try await offThePool { try self.run(arguments, stdin: stdin) }
    }

    /// The head position, read through `status --json`.
    func head() async throws -> Int {
        try #require(try await exec("status", "--json").object()["headPosition"] as? Int)
    }

    /// `init`, then the demo connected app registered with the server as its My Domain, over the
    /// live transport (no `--transport`: live is the default).
    func preparedLive(_ server: SandboxServe) async throws -> SandboxAccounts {
        try #require(try await exec("init").status == 0)
        let sandbox = try await offThePool { try SandboxAccounts(self) }
        let run = try await exec(
            "connected-app", "register", "--consumer-key", sandbox.consumerKey, "--my-domain", server.baseURL,
            "--consumer-secret-stdin", stdin: sandbox.consumerSecret + "\n")
        try #require(run.status == 0, "\(run)")
        return sandbox
    }

    /// `channels credentials NAME` with an account's client and target IDs and `secret` (default: its own).
    func credentials(_ name: String, _ account: SandboxAccounts.Account, secret: String? = nil) async throws {
        let run = try await exec(
            "channels", "credentials", name, "--client-id", account.clientId, "--target-id", account.targetId,
            "--client-secret-stdin", stdin: secret ?? account.clientSecret)
        try #require(run.status == 0, "\(run)")
    }
}

/// Runs `body` on a thread of its own and waits for it without holding a thread of Swift's
/// concurrency pool. A CLI run blocks until the child exits; the pool has one thread per core and
/// also runs the in-process servers and retry timers of the other suites in this process, whose
/// timing tests stall while it is held.
func offThePool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
