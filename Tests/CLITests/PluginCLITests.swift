import Foundation
import Testing

/// A transport plugin as a new user would use it (Examples/Plugins/README.md): copy the example into
/// the plugins folder, see it in `transports list`, register the connected app and set a channel up
/// through it against `sandbox serve`. A misbehaving plugin gives one line and records nothing.
@Suite(.timeLimit(.minutes(2)))
struct PluginCLITests {
    static let examples = CLI.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/Plugins")

    /// The plugins folder of this CLI's sandboxed home, made on first use.
    func pluginsFolder(_ cli: CLI) throws -> URL {
        let folder = URL(fileURLWithPath: cli.environment["XDG_CONFIG_HOME"]!).appendingPathComponent(
            "channel-ledger/plugins")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Installs the misbehaving example as `channel-ledger-transport-NAME`, in one of its modes.
    func installMisbehaving(_ cli: CLI, name: String, mode: String) throws {
        let path = try pluginsFolder(cli).appendingPathComponent("channel-ledger-transport-\(name)").path
        let script = Self.examples.appendingPathComponent("channel-ledger-transport-misbehaving").path
        try "#!/bin/sh\nMISBEHAVE=\(mode) exec \"\(script)\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// Creates `name` on the plugin `transport`, enters the first sandbox account's credentials and
    /// runs `channels authorize`, which must fail with exit 6 and one line and record nothing.
    func authorizeThroughAFailingPlugin(_ cli: CLI, _ name: String, transport: String) async throws -> CLI.Run {
        #expect(try await cli.exec("channels", "create", name, "--transport", transport).status == 0)
        let sandbox = try await offThePool { try SandboxAccounts(cli) }
        try await cli.credentials(name, sandbox.accounts[0])
        let head = try await cli.head()
        let authorize = try await cli.exec("channels", "authorize", name)
        #expect(authorize.status == 6, "\(authorize)")
        #expect(authorize.errorLines.count == 1, "\(authorize)")
        #expect(try await cli.head() == head, "nothing recorded")
        return authorize
    }

    @Test func theExamplePluginSetsAChannelUpOverHTTP() async throws {
        var setup = try CLI()
        let server = try await SandboxServe.start(setup)
        defer { server.kill() }
        setup.environment["PYSANDBOX_URL"] = server.baseURL
        let cli = setup
        try FileManager.default.copyItem(
            at: Self.examples.appendingPathComponent("channel-ledger-transport-pysandbox"),
            to: try pluginsFolder(cli).appendingPathComponent("channel-ledger-transport-pysandbox"))

        let listed = try await cli.exec("transports", "list", "--json").array()
        let entry = try #require(listed.first { $0["name"] as? String == "pysandbox" }, "\(listed)")
        #expect(entry["kind"] as? String == "process")
        #expect(entry["status"] as? String == "ready", "\(entry)")
        #expect((entry["operations"] as? [String])?.count == 7)
        #expect(entry["defaultBuyWithPrimeEndpoint"] as? String == server.baseURL)

        #expect(try await cli.exec("init").status == 0)
        let sandbox = try await offThePool { try SandboxAccounts(cli) }
        let register = try await cli.exec(
            "connected-app", "register", "--consumer-key", sandbox.consumerKey, "--my-domain", server.baseURL,
            "--consumer-secret-stdin", "--transport", "pysandbox", stdin: sandbox.consumerSecret + "\n")
        #expect(register.status == 0, "\(register)")
        let created = try await cli.exec("channels", "create", "US Store", "--transport", "pysandbox", "--json")
        #expect(created.status == 0, "\(created)")
        #expect(try created.object()["transport"] as? String == "pysandbox")
        #expect(try created.object()["endpoint"] as? String == server.baseURL, "the plugin's default endpoint")
        try await cli.credentials("US Store", sandbox.accounts[0])
        let authorized = try await cli.exec("channels", "authorize", "US Store", "--json")
        #expect(authorized.status == 0, "\(authorized)")
        #expect(try authorized.object()["credentials"] as? String == "authorized")

        let (log, text) = try await server.requests()
        #expect(log.contains { $0["path"] as? String == "/token" }, "the plugin called the server: \(text)")
        #expect(!cli.printed.contains(sandbox.accounts[0].clientSecret), "no secret in any output")
    }

    @Test func aMisbehavingPluginGivesOneLineAndRecordsNothing() async throws {
        let cli = try CLI()
        _ = try await offThePool { try cli.prepared() }
        try installMisbehaving(cli, name: "crashy", mode: "crash")
        try installMisbehaving(cli, name: "future", mode: "newer-protocol")
        try installMisbehaving(cli, name: "sandbox", mode: "crash")  // a built-in's name: shadowed

        let listed = try await cli.exec("transports", "list", "--json").array()
        let status = Dictionary(
            listed.map { ("\($0["name"] ?? "")/\($0["kind"] ?? "")", $0["status"] as? String ?? "") }
        ) { $1 }
        #expect(status["crashy/process"] == "ready")
        #expect(status["future/process"] == "failed")
        #expect(status["sandbox/process"] == "shadowed")
        #expect(status["sandbox/built-in"] == "ready")

        let refused = try await cli.exec("channels", "create", "Future", "--transport", "future")
        #expect(refused.status == 6, "\(refused)")
        #expect(refused.errorLines.count == 1 && refused.stderr.contains("speaks transport protocol 2"), "\(refused)")

        let authorize = try await authorizeThroughAFailingPlugin(cli, "Crashy", transport: "crashy")
        #expect(authorize.stderr.contains("plugin crashy exited (status 3)"), "\(authorize)")
        #expect(authorize.stderr.contains("transports list"), "points at the plugin, not at waiting: \(authorize)")
    }

    @Test(
        arguments: [
            ("garbage", "wrote something that is not a valid message"),
            ("wrong-id", "wrote something that is not a valid message"),
            ("hang", "did not answer request 1 within 6 s"),
        ])
    func everyMisbehaviourIsOneLineExitSixAndNothingRecorded(mode: String, problem: String) async throws {
        let cli = try CLI()
        _ = try await offThePool { try cli.prepared() }
        #expect(try await cli.exec("settings", "set", "http.request-timeout", "1").status == 0)
        try installMisbehaving(cli, name: "bad", mode: mode)
        let authorize = try await authorizeThroughAFailingPlugin(cli, "Bad", transport: "bad")
        #expect(authorize.stderr.contains("plugin bad \(problem)"), "\(authorize)")
    }

    @Test func aPluginThatCannotStartItsHandshakeIsListedWithTheReason() async throws {
        let cli = try CLI()
        try installMisbehaving(cli, name: "mute", mode: "no-handshake")
        let listed = try await cli.exec("transports", "list", "--json").array()
        let entry = try #require(listed.first { $0["name"] as? String == "mute" })
        #expect(entry["status"] as? String == "failed")
        #expect((entry["problem"] as? String)?.contains("plugin mute exited (status 1)") == true, "\(entry)")
        _ = try await offThePool { try cli.prepared() }
        let create = try await cli.exec("channels", "create", "Mute", "--transport", "mute")
        #expect(create.status == 6 && create.errorLines.count == 1, "\(create)")
    }
}
