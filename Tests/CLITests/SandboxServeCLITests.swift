import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `sandbox serve`: the real binary listens, prints its URL, answers over HTTP and stops on SIGTERM.
@Suite struct SandboxServeCLITests {
    @Test func servesOnAFreePortWithAccountsFromAFileAndStopsOnSIGTERM() async throws {
        let cli = try CLI()
        let secret = "a-secret-only-this-test-knows"
        let accounts = cli.folder.appendingPathComponent("accounts.json")
        try Data(
            """
            {"salesforce": {"consumerKey": "key", "consumerSecret": "sf-\(secret)", "myDomain": "https://x"},
             "buyWithPrime": [{"name": "Private", "clientId": "amzn1.private", "clientSecret": "\(secret)",
                               "targetId": "APRIVATE00001"}]}
            """.utf8
        ).write(to: accounts)
        let (process, out, err) = try cli.start(
            ["sandbox", "serve", "--port", "0", "--accounts", accounts.path], direct: true)
        defer { if process.isRunning { process.terminate() } }

        let line = try await Self.firstLine(of: out, from: process)
        let base = try #require(line.wholeMatch(of: /sandbox listening on (http:\/\/127\.0\.0\.1:[0-9]+)/)?.1)
        let requests = try #require(URL(string: "\(base)/_sandbox/requests"))
        let (log, logAnswer) = try await URLSession.shared.data(from: requests)
        #expect((logAnswer as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: log, as: UTF8.self) == "[]")

        var token = URLRequest(url: try #require(URL(string: "\(base)/token")))
        token.httpMethod = "POST"
        token.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        token.httpBody = Data("grant_type=client_credentials&client_id=amzn1.private&client_secret=\(secret)".utf8)
        let (_, tokenAnswer) = try await URLSession.shared.data(for: token)
        #expect((tokenAnswer as? HTTPURLResponse)?.statusCode == 200, "the file's secret is accepted")

        process.terminate()
        process.waitUntilExit()
        let run = cli.finish(process, out, err)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "sandbox listening on \(base)\n")
        #expect(run.stderr.contains("POST /token 200"), "\(run)")
        #expect(!run.stderr.contains(secret), "the log never shows a secret")
    }

    @Test func aNonLoopbackHostIsRefusedInOneLine() throws {
        let cli = try CLI()
        let run = try cli("sandbox", "serve", "--host", "0.0.0.0")
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: --host 0.0.0.0 is not a loopback address"))
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run)")
    }

    /// The first line the process wrote to `file`, waiting up to a minute for it.
    private static func firstLine(of file: URL, from process: Process) async throws -> String {
        if let line = try await CLI.firstLine(of: file, from: process) { return line }
        throw CLIError(
            description: "no line from sandbox serve (exit \(process.isRunning ? "-" : "\(process.terminationStatus)"))"
        )
    }

    struct CLIError: Error, CustomStringConvertible {
        var description: String
    }
}
