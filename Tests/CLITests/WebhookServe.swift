import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `channel-ledger serve` started as a user would, on a free port, and spoken to over HTTP.
struct WebhookServe {
    let cli: CLI
    let process: Process
    let out: URL
    let err: URL
    /// `http(s)://127.0.0.1:PORT`, from the line the server prints once it listens.
    let baseURL: String

    /// Starts `serve --port 0 ARGS` and waits (up to a minute) for its `serving webhooks on URL` line.
    static func start(_ cli: CLI, arguments: [String] = []) async throws -> WebhookServe {
        let (process, out, err) = try cli.start(["serve", "--port", "0"] + arguments, direct: true)
        guard let line = try await CLI.firstLine(of: out, from: process) else {
            if process.isRunning { process.terminate() }
            let errors = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            throw SandboxServe.Failure(description: "no line from serve: \(errors)")
        }
        guard let base = line.wholeMatch(of: /serving webhooks on (https?:\/\/127\.0\.0\.1:[0-9]+)/)?.1 else {
            process.terminate()
            throw SandboxServe.Failure(description: "unexpected first line from serve: \(line)")
        }
        return WebhookServe(cli: cli, process: process, out: out, err: err, baseURL: String(base))
    }

    /// An answer: status, JSON body (if any), headers.
    struct Answer {
        var status: Int
        var body: Data
        var headers: [AnyHashable: Any]

        func object() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any], "\(status) \(text)")
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// `POST /webhooks/buy-with-prime/SUBSCRIPTION` with basic credentials (none when nil), sent by
    /// curl: Foundation's URLSession on Linux waits forever on a 401 that asks for basic credentials.
    func deliver(
        _ body: Data, subscription: String, credentials: (String, String)?
    ) async throws -> Answer {
        try await curl(
            "/webhooks/buy-with-prime/\(subscription)", body: body,
            arguments: credentials.map { ["-u", "\($0.0):\($0.1)"] } ?? [])
    }

    /// `GET PATH`.
    func get(_ path: String) async throws -> Answer {
        try await curl(path, body: nil, arguments: [])
    }

    /// One request by curl: the status, the headers and the body.
    private func curl(_ path: String, body: Data?, arguments: [String]) async throws -> Answer {
        let id = UUID().uuidString
        let folder = cli.folder
        let (bodyFile, headerFile, requestFile) = (
            folder.appendingPathComponent("curl-body-\(id)"), folder.appendingPathComponent("curl-head-\(id)"),
            folder.appendingPathComponent("curl-request-\(id)")
        )
        var curlArguments = [
            "-s", "-o", bodyFile.path, "-D", headerFile.path, "-w", "%{http_code}", "--max-time", "30",
        ]
        if let body {
            try body.write(to: requestFile)
            curlArguments += [
                "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "@" + requestFile.path,
            ]
        }
        curlArguments += arguments + [baseURL + path]
        let arguments = curlArguments
        let status = try await offThePool { () throws -> String in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let out = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: out, as: UTF8.self)
        }
        defer { for file in [bodyFile, headerFile, requestFile] { try? FileManager.default.removeItem(at: file) } }
        let headerText = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        var headers: [AnyHashable: Any] = [:]
        for line in headerText.split(separator: "\r\n") where line.contains(":") {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return Answer(
            status: Int(status) ?? 0, body: (try? Data(contentsOf: bodyFile)) ?? Data(), headers: headers)
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

    /// SIGKILL: the process dies wherever it is.
    func kill9() async throws {
        let process = process
        try await offThePool {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Stops the server if a test ended before ``stop()``.
    func kill() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
