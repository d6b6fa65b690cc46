import ChannelLedgerTesting
import Foundation
import Testing

/// The crash harness on PostgreSQL: `orders import` killed with SIGKILL at seeded moments on a store
/// of the shared test server, and the server itself restarted at once (`pg_ctl restart -m
/// immediate`: no checkpoint, a crash as far as the server knows) while an import runs, on a private
/// cluster this test starts, never the shared one. After each: `verify` passes, the read models
/// equal a fresh rebuild, and the same command run again ends as a run never interrupted. The burst
/// of channel commands and the import into a new schema are in `CrashCLITests+PostgresNewSchemas.swift`.
///
/// Nested in the serialized ``CrashCLITests`` so it takes turns with the other scenarios.
extension CrashCLITests {
    @Suite(.enabled(if: PostgresCLIServer.url != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
    struct OnPostgres {
        /// The two live channels of ``CrashCLITests/twoLiveChannels()`` and the sandbox's webhooks
        /// for 100 orders: the export of that ledger, the webhook file, and the snapshot an
        /// uninterrupted `orders import` of it ends with.
        static func scenario() async throws -> (base: CLI, export: String, hooks: String, expected: LedgerSnapshot) {
            let (base, _) = try await CrashCLITests.twoLiveChannels()
            let hooks = try await CrashCLITests.webhookFile(base, orders: 100)
            let export = base.path("base.jsonl")
            #expect(try await base.exec("export", export).status == 0)
            let reference = try base.copy()
            #expect(try await reference.exec("orders", "import", hooks).status == 0)
            let expected = try await offThePool { try LedgerSnapshot(reference) }
            return (base, export, hooks, expected)
        }

        /// A CLI on the base ledger imported into `store` (a PostgreSQL URL).
        static func ledger(at store: String, from base: CLI, export: String) async throws -> CLI {
            var cli = try CLI()
            cli.environment["CHANNEL_LEDGER_MASTER_KEY"] = base.environment["CHANNEL_LEDGER_MASTER_KEY"]
            cli.environment["CHANNEL_LEDGER_STORE"] = store
            let imported = try await cli.exec("import", export)
            try #require(imported.status == 0, "\(imported)")
            return cli
        }

        /// How long an uninterrupted `orders import` of `hooks` takes on the base ledger imported into `store`.
        static func timedOrdersImport(_ hooks: String, at store: String, from base: CLI, export: String) async throws
            -> TimeInterval
        {
            let timing = try await ledger(at: store, from: base, export: export)
            let started = Date()
            #expect(try await timing.exec("orders", "import", hooks).status == 0)
            return Date().timeIntervalSince(started)
        }

        @Test func ordersImportKilledAtRandomMomentsEndsAsAnUninterruptedOne() async throws {
            let (base, export, hooks, expected) = try await Self.scenario()
            let duration = try await Self.timedOrdersImport(
                hooks, at: try PostgresCLITests().storeURL(), from: base, export: export)

            var schedule = KillSchedule(seed: CrashCLITests.seed ^ 0x11, duration: duration)
            let kills = CrashCLITests.kills(6, share: 0.08)
            for kill in 0..<kills {
                let cli = try await Self.ledger(at: try PostgresCLITests().storeURL(), from: base, export: export)
                let moment = schedule.nextMoment()
                let label =
                    "seed \(String(CrashCLITests.seed, radix: 16)) postgres orders-import kill \(kill) at \(moment) s"
                schedule.record(try await CrashCLITests.kill(cli, ["orders", "import", hooks], after: moment))
                try await CrashCLITests.checkAfterKill(cli, label)
                try await CrashCLITests.finishOrdersImport(cli, hooks, endsAs: expected, label)
            }
            CrashCLITests.report("orders import on PostgreSQL", kills: kills, interrupted: schedule.interrupted)
            #expect(schedule.interrupted >= 1, "kills land while the import runs (\(schedule.interrupted))")
        }

        @Test func aServerRestartedMidImportLosesNothing() async throws {
            let (base, export, hooks, expected) = try await Self.scenario()
            let cluster = try await offThePool { try PrivateCluster.start() }
            defer { cluster.stop() }
            let duration = try await Self.timedOrdersImport(hooks, at: cluster.storeURL(), from: base, export: export)

            // In the first two thirds of the run: a restart takes a moment to drop the sessions.
            var schedule = KillSchedule(seed: CrashCLITests.seed ^ 0x12, duration: duration * 2 / 3)
            let restarts = CrashCLITests.kills(3, share: 0.05)
            for restart in 0..<restarts {
                let cli = try await Self.ledger(at: cluster.storeURL(), from: base, export: export)
                let moment = schedule.nextMoment()
                let label = "seed \(String(CrashCLITests.seed, radix: 16)) server restart \(restart) at \(moment) s"
                let started = Date()
                let (process, out, err) = try cli.start(["orders", "import", hooks], direct: true)
                // Mid-run when the import still ran as its server went down (it may reconnect and
                // finish, or lose a transaction and say so).
                let ran = try await KillOutcome.wait(for: process, startedAt: started, until: moment)
                schedule.record(ran.map { .endedFirst(after: $0 * 2 / 3) } ?? .midRun)
                try await offThePool { try cluster.restartImmediately() }
                let run = try await offThePool {
                    process.waitUntilExit()
                    return cli.finish(process, out, err)
                }
                if run.status != 0 {
                    // The import lost its server: one line, and a code that says to try again.
                    #expect(run.status == 6, "\(label): \(run)")
                    // (The progress line before it is the import's own.)
                    let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
                    #expect(errors.count == 1 && run.stderr.hasSuffix(errors[0] + "\n"), "\(label): \(run.stderr)")
                }
                try await CrashCLITests.checkAfterKill(cli, label)
                try await CrashCLITests.finishOrdersImport(cli, hooks, endsAs: expected, label)
            }
            CrashCLITests.report("server restarts on PostgreSQL", kills: restarts, interrupted: schedule.interrupted)
            #expect(schedule.interrupted >= 1, "restarts land while the import runs (\(schedule.interrupted))")
        }
    }
}

/// A PostgreSQL cluster of the test's own, in a temporary folder on a free port: `initdb`, then
/// the server run as a child of the test (as root, as the `postgres` user), restarted and stopped
/// by the test alone. Not through `pg_ctl`: the server it leaves behind inherits the descriptor by
/// which Foundation's `Process` sees `pg_ctl` end, and waiting for it would never return.
final class PrivateCluster: @unchecked Sendable {
    let folder: URL
    private(set) var port: Int
    private var server: Process?

    static let bin: String = {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let newest = versions.compactMap(Int.init).max().map(String.init) ?? "15"
        return "\(root)/\(newest)/bin"
    }()

    private init(folder: URL, port: Int) {
        self.folder = folder
        self.port = port
    }

    /// Initializes a cluster, starts its server and creates the database `ledger`.
    static func start() throws -> PrivateCluster {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cl-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cluster = PrivateCluster(folder: folder, port: try freePort())
        do {
            if getuid() == 0 { chown(folder.path, postgresUID, postgresGID) }
            try cluster.run(
                "initdb", ["--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-sync", "-D", cluster.data])
            // A port free a moment ago may be taken by the time the server binds it: try others.
            for attempt in 1...5 {
                do {
                    try cluster.launch()
                    break
                } catch  where attempt < 5 {
                    cluster.port = try freePort()
                }
            }
            try cluster.run("createdb", ["-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", "postgres", "ledger"])
            return cluster
        } catch {
            cluster.stop()
            throw error
        }
    }

    /// A loopback port nothing listens on: the one the kernel gives a socket bound to port 0.
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw SandboxServe.Failure(description: "no socket for a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw SandboxServe.Failure(description: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    var data: String { folder.appendingPathComponent("data").path }

    /// A store URL in a fresh schema of the cluster's database.
    func storeURL() -> String {
        "postgres://postgres@127.0.0.1:\(port)/ledger?schema=crash_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Stops the server at once (SIGQUIT: no checkpoint, sessions dropped, as after a crash) and
    /// starts it again; returns once it accepts connections.
    func restartImmediately() throws {
        quit()
        try launch()
    }

    /// Stops the server and removes the cluster.
    func stop() {
        quit()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts the server and waits (up to a minute) until it accepts connections.
    private func launch() throws {
        let process = Process()
        let postgres = "\(Self.bin)/postgres"
        let arguments = [
            "-D", data, "-c", "listen_addresses=127.0.0.1", "-p", "\(port)", "-c",
            "unix_socket_directories=\(folder.path)",
            "-c", "fsync=off",
        ]
        process.executableURL = URL(fileURLWithPath: getuid() == 0 ? "/usr/sbin/runuser" : postgres)
        process.arguments = getuid() == 0 ? ["-u", "postgres", "--", postgres] + arguments : arguments
        let log = try logHandle("server.log")
        process.standardOutput = log
        process.standardError = log
        try process.run()
        server = process
        for _ in 0..<600 {
            if (try? run("pg_isready", ["-q", "-h", "127.0.0.1", "-p", "\(port)"])) != nil { return }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw SandboxServe.Failure(
            description: "the private PostgreSQL server did not start; see \(folder.path)/server.log")
    }

    /// SIGQUIT to the server (its pid from `postmaster.pid`), then waits for it to end.
    private func quit() {
        guard let server else { return }
        let pidFile = (try? String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8)) ?? ""
        if server.isRunning, let pid = pidFile.split(separator: "\n").first.flatMap({ Int32($0) }) {
            kill(pid, SIGQUIT)
        }
        server.waitUntilExit()
        self.server = nil
    }

    /// Runs one of the server's tools to its end (as `postgres` when root); its output goes to a log.
    private func run(_ tool: String, _ arguments: [String]) throws {
        let path = "\(Self.bin)/\(tool)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: getuid() == 0 ? "/usr/sbin/runuser" : path)
        process.arguments = getuid() == 0 ? ["-u", "postgres", "--", path] + arguments : arguments
        let name = "\(tool)-\(UUID().uuidString.prefix(8)).log"
        let log = try logHandle(name)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        process.waitUntilExit()
        try? log.close()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            throw SandboxServe.Failure(description: "\(tool) \(arguments.joined(separator: " ")): \(message)")
        }
    }

    /// A new file in the cluster's folder, writable by the server's user.
    private func logHandle(_ name: String) throws -> FileHandle {
        let path = folder.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        if getuid() == 0 { chown(path, Self.postgresUID, Self.postgresGID) }
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// The `postgres` user's ids, for the files the server must write.
    static let postgresUID: uid_t = getpwnam("postgres")?.pointee.pw_uid ?? 0
    static let postgresGID: gid_t = getpwnam("postgres")?.pointee.pw_gid ?? 0
}
