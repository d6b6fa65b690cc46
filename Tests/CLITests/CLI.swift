import Foundation
import Testing

/// Runs the real, built `channel-ledger` binary as a user would, in a sandboxed home.
struct CLI {
    /// What one invocation printed and returned.
    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }

        /// stdout parsed as JSON.
        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        }

        func object() throws -> [String: Any] {
            try #require(try json() as? [String: Any], "not a JSON object: \(stdout)")
        }

        func array() throws -> [[String: Any]] {
            try #require(try json() as? [[String: Any]], "not a JSON array: \(stdout)")
        }

        /// stdout as JSON lines.
        func lines() throws -> [[String: Any]] {
            try stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
        }
    }

    let folder: URL
    let store: String
    var environment: [String: String]
    /// Everything every run printed, to check that no secret ever appears.
    private let transcript = Transcript()

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["CHANNEL_LEDGER_BIN"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/channel-ledger").path
    }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cl-cli-\(UUID().uuidString.prefix(12))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = folder.appendingPathComponent("ledger.sqlite").path
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = folder.path
        env["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
        env["XDG_DATA_HOME"] = folder.appendingPathComponent("data").path
        env["CHANNEL_LEDGER_STORE"] = store
        env["CHANNEL_LEDGER_MASTER_KEY"] = nil
        env["CHANNEL_LEDGER_SANDBOX_UNAVAILABLE"] = nil
        env["NO_COLOR"] = "1"
        environment = env
    }

    /// Runs `channel-ledger ARGS` with optional stdin and extra environment.
    @discardableResult
    func callAsFunction(_ arguments: String..., stdin: String? = nil, env: [String: String] = [:]) throws -> Run {
        try run(arguments, stdin: stdin, env: env)
    }

    func run(_ arguments: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> Run {
        let (process, out, err) = try start(arguments, stdin: stdin, env: env)
        process.waitUntilExit()
        // `sandbox accounts` prints the sandbox's public fixture secrets by design; nothing else may.
        return finish(process, out, err, record: arguments.prefix(2) != ["sandbox", "accounts"])
    }

    /// Collects a started process's output once it has exited.
    func finish(_ process: Process, _ out: URL, _ err: URL, record: Bool = true) -> Run {
        let run = Run(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        if record { transcript.append(run.stdout + run.stderr) }
        return run
    }

    /// Starts `channel-ledger ARGS` without waiting; output goes to files (no pipe can fill up).
    ///
    /// - Parameter direct: run the binary itself rather than under `setsid`, so signals sent to
    ///   the process reach it (for commands that run until interrupted and never prompt).
    func start(_ arguments: [String], stdin: String? = nil, env: [String: String] = [:], direct: Bool = false) throws
        -> (Process, URL, URL)
    {
        let process = Process()
        // setsid: the child has no controlling terminal, as under CI, so no prompt can wait on one.
        process.executableURL = URL(fileURLWithPath: direct ? Self.binary : "/usr/bin/setsid")
        process.arguments = direct ? arguments : ["--wait", Self.binary] + arguments
        process.environment = environment.merging(env) { $1 }
        let id = UUID().uuidString
        let out = folder.appendingPathComponent("out-\(id)")
        let err = folder.appendingPathComponent("err-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        return (process, out, err)
    }

    /// Everything printed so far by every run.
    var printed: String { transcript.text }

    /// The bytes of the store and its WAL.
    func storeBytes() -> Data {
        [store, store + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }.reduce(Data(), +)
    }

    /// The head position, read through `status --json`.
    func headPosition() throws -> Int {
        let status = try self("status", "--json").object()
        return try #require(status["headPosition"] as? Int)
    }
}

/// A thread-safe log of everything printed.
final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    func append(_ text: String) {
        lock.lock()
        buffer += text
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}

extension CLI {
    /// The first line a started process writes to `file`, waited for on a thread of its own (not
    /// the test pool, which synchronous tests waiting on processes may all hold, so that a wait
    /// there would outlast its deadline without ever looking), up to `seconds`; nil if none came
    /// or the process ended first.
    static func firstLine(of file: URL, from process: Process, seconds: Double = 60) async throws -> String? {
        try await offThePool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
                if let end = text.firstIndex(of: "\n") { return String(text[..<end]) }
                guard process.isRunning else { return nil }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return nil
        }
    }
}
