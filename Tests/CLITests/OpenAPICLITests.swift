import Foundation
import Testing

/// The running `serve` answers as Docs/openapi.yaml says: Schemathesis generates requests from the
/// document (valid and invalid bodies, other methods, wrong credentials) and checks every answer
/// against it. `make test` installs Schemathesis and names it in `CHANNEL_LEDGER_SCHEMATHESIS`;
/// under `CI=true` a missing one fails. `make test` generates 60 examples per operation; `make
/// soak` sets `CHANNEL_LEDGER_SCHEMATHESIS_EXAMPLES` for its long run, and the test prints its figure.
@Suite(.enabled(if: Schemathesis.path != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
struct OpenAPICLITests {
    static var schemathesis: String? { Schemathesis.path }

    /// Examples per operation: `make test`'s 60, or the soak's.
    static var examples: Int {
        ProcessInfo.processInfo.environment["CHANNEL_LEDGER_SCHEMATHESIS_EXAMPLES"].flatMap(Int.init) ?? 60
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theRunningServerAnswersAsTheDocumentSays() async throws {
        let st = try #require(Self.schemathesis, "CHANNEL_LEDGER_SCHEMATHESIS names no Schemathesis; run `make test`")
        let (cli, sandbox, _) = try await ServeCLITests.ledger()
        let server = try await WebhookServe.start(cli)
        defer { server.kill() }
        let baseURL = server.baseURL
        let (status, output) = try await offThePool { () throws -> (Int32, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: st)
            process.currentDirectoryURL = cli.folder  // its .schemathesis cache stays with the test's files
            process.arguments = [
                "--config-file", Self.root.appendingPathComponent("Tests/Fixtures/schemathesis.toml").path, "run",
                Self.root.appendingPathComponent("Docs/openapi.yaml").path, "--url", baseURL, "--checks", "all",
                "--max-examples", String(Self.examples), "--seed", "20261206", "--no-color",
            ]
            var environment = ProcessInfo.processInfo.environment
            environment["WEBHOOK_USERNAME"] = sandbox.webhook.username
            environment["WEBHOOK_PASSWORD"] = sandbox.webhook.password
            environment["WEBHOOK_SUBSCRIPTION"] = sandbox.webhook.subscription
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        print(
            "schemathesis figures: \(Self.examples) examples per operation, seed 20261206, "
                + (status == 0 ? "no issues" : "issues found"))
        #expect(status == 0, "\(output)")
        #expect(output.contains("No issues found"), "\(output)")
        let stopped = try await server.stop()
        #expect(stopped.status == 0)
        #expect(!stopped.stderr.contains("] 500 for"), "no delivery failed unexpectedly: \(stopped.stderr)")
        #expect(try await cli.exec("verify").status == 0, "whatever was sent, the log is whole")
    }
}

/// Where `make test` installed Schemathesis, if it did.
enum Schemathesis {
    static var path: String? {
        ProcessInfo.processInfo.environment["CHANNEL_LEDGER_SCHEMATHESIS"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
