import Foundation
import Testing

/// Eight processes at once, each running many commands one after another (as eight shells or
/// hosts would), on channels of their own, on one channel they share, and on the one association
/// flow they all change, against one SQLite file and one PostgreSQL database, while two `serve`
/// processes on the same store take every webhook delivery twice, once each.
///
/// Every command succeeds or is refused by a rule of the domain (exit 3), never "locked", "busy"
/// or a conflict that a retry would have won (exit 7); every accepted command's events are in the
/// log once; the shared mapping's changes alternate (no decision on a stale state); positions
/// have no gap and `verify` passes; every delivery is answered 200 or 202, and each order is
/// received once, its association and publication each recorded at most once.
///
/// Nested in ``CrashCLITests`` so that it takes turns with the crash scenarios (eight processes
/// at once are load enough for a two-core machine running the other suites), and so that
/// `make soak` runs its heavy version (five rounds instead of one) with them.
extension CrashCLITests {
    @Suite struct MixedConcurrency {
        static let workers = 8
        static let rounds = ProcessInfo.processInfo.environment["CHANNEL_LEDGER_SOAK_KILLS"] == nil ? 1 : 5
        /// Both stores, in `make test` and in `make soak`.
        static let kinds = Kind.allCases

        enum Kind: String, CaseIterable, CustomStringConvertible {
            case sqlite, postgres
            var description: String { rawValue }
        }

        /// The commands of worker `w`, in order, with whether each may be refused by a domain rule.
        static func commands(_ w: Int) -> [(arguments: [String], mayBeRefused: Bool)] {
            let own = "Own \(w)"
            var commands: [([String], Bool)] = [
                (["channels", "create", own, "--transport", "sandbox"], false),
                (["mappings", "activate", own, "--all"], false),
            ]
            for round in 0..<rounds {
                commands += [
                    (["mappings", "deactivate", own, "refund"], false),
                    (["mappings", "activate", own, "refund"], false),
                    // The shared channel's mapping, switched by everyone at once: a switch to the state
                    // it is in already records nothing (exit 0); never a refusal.
                    (["mappings", round % 2 == w % 2 ? "deactivate" : "activate", "Shared", "refund"], false),
                    (["rules", "add", "w\(w)-r\(round)", "--channel", own, "--when", "currency = EUR"], false),
                ]
            }
            commands.append((["channels", "rename", own, "Own \(w) renamed"], false))
            return commands
        }

        @Test(arguments: kinds)
        func eightProcessesOfMixedCommandsLoseNothingAndRetryWhatARetryWins(kind: Kind) async throws {
            guard let cli = try Self.ledger(on: kind) else { return }
            let sandbox = try await offThePool { () throws -> SandboxAccounts in
                let sandbox = try cli.prepared()
                try cli.readyChannel("US Store", sandbox.accounts[0])
                try cli.addWebhookSubscription(sandbox)
                return sandbox
            }
            #expect(try await cli.exec("channels", "launch", "US Store").status == 0)
            #expect(try await cli.exec("channels", "create", "Shared", "--transport", "sandbox").status == 0)
            let hooks = try await CrashCLITests.webhookFile(cli, orders: 20 * Self.rounds)
            let servers = [try await WebhookServe.start(cli), try await WebhookServe.start(cli)]
            defer { for server in servers { server.kill() } }
            // Every delivery goes to both servers while the workers run, as two hosts behind a
            // balancer that retries would take it.
            async let delivered = Self.deliverToEach(hooks, servers, sandbox)

            let runs = try await Self.runWorkers(cli)
            #expect(runs.count == Self.workers * Self.commands(0).count)
            for (w, arguments, run) in runs {
                #expect(run.status == 0, "worker \(w) \(arguments): \(run)")
                for word in ["locked", "busy", "conflict"] {
                    #expect(!run.stderr.localizedCaseInsensitiveContains(word), "worker \(w) \(arguments): \(run)")
                }
            }
            let statuses = try await delivered
            #expect(statuses.allSatisfy { [200, 202].contains($0) }, "every delivery taken: \(Set(statuses))")
            for server in servers {
                let stopped = try await server.stop()
                #expect(stopped.status == 0, "\(stopped)")
            }

            let log = try await cli.exec("history", "--json").lines()
            Self.expectEachOrderOnce(in: log, confirmed: try CrashCLITests.confirmedOrderIds(hooks))
            let positions = log.compactMap { ($0["position"] as? NSNumber)?.int64Value }
            #expect(positions == Array(1...Int64(positions.count)), "gap-free positions")
            #expect(try await cli.exec("verify").status == 0)
            let channels = try await cli.exec("channels", "list", "--json").array()
            func stream(_ name: String) -> String? {
                (channels.first { $0["name"] as? String == name }?["id"] as? String).map { "channel:" + $0 }
            }
            for w in 0..<Self.workers {
                try Self.expectWorkerRecorded(w, in: log, channel: stream("Own \(w) renamed"))
            }
            let flow = try await cli.exec("rules", "list", "--json").object()
            #expect((flow["rules"] as? [[String: Any]])?.count == 1 + Self.workers * Self.rounds)
            // The shared mapping: each recorded switch changed its state, so they alternate.
            let shared = try #require(stream("Shared"))
            let switches = log.filter {
                $0["stream"] as? String == shared
                    && ["MappingActivated", "MappingDeactivated"].contains($0["type"] as? String ?? "")
            }.compactMap { $0["type"] as? String }
            #expect(!switches.isEmpty)
            #expect(zip(switches, switches.dropFirst()).allSatisfy { $0 != $1 }, "alternating: \(switches)")
            #expect(switches.first == "MappingActivated", "it started inactive")
            print(
                "concurrency figures: \(kind): \(Self.workers) processes × \(Self.commands(0).count) commands, "
                    + "\(runs.filter { $0.2.status == 0 }.count) of \(runs.count) accepted, \(switches.count) shared switches, "
                    + "2 servers × \(statuses.count / 2) deliveries"
            )
        }

        /// A CLI on a new store of `kind` with the harness's key; nil (after saying why under
        /// `CI=true`) when PostgreSQL is not there.
        static func ledger(on kind: Kind) throws -> CLI? {
            var cli = try CLI()
            cli.environment["CHANNEL_LEDGER_MASTER_KEY"] = CrashCLITests.key
            guard kind == .postgres else { return cli }
            guard let url = PostgresCLIServer.url else {
                #expect(
                    ProcessInfo.processInfo.environment["CI"] != "true",
                    "CI=true but no PostgreSQL; run `make postgres`")
                return nil
            }
            cli.environment["CHANNEL_LEDGER_STORE"] =
                url + (url.contains("?") ? "&" : "?") + "schema=mixed_\(UUID().uuidString.prefix(8).lowercased())"
            return cli
        }

        /// Every worker's commands, the workers at once: each run with its worker and arguments.
        static func runWorkers(_ cli: CLI) async throws -> [(Int, [String], CLI.Run)] {
            try await withThrowingTaskGroup(of: [(Int, [String], CLI.Run)].self) { group in
                for w in 0..<Self.workers {
                    group.addTask {
                        try await offThePool {
                            try Self.commands(w).map { command in
                                (w, command.arguments, try cli.run(command.arguments + ["--actor", "worker-\(w)"]))
                            }
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
        }

        /// Worker `w`'s own channel (`channel`, its stream) holds every command of its, once, and
        /// its rules were each added once, whoever else was changing the flow.
        static func expectWorkerRecorded(_ w: Int, in log: [[String: Any]], channel: String?) throws {
            let own = try #require(channel, "worker \(w)'s channel")
            let types = log.filter { $0["stream"] as? String == own }.compactMap { $0["type"] as? String }
            #expect(types.first == "ChannelCreated" && types.last == "ChannelRenamed", "worker \(w): \(types)")
            #expect(types.filter { $0 == "MappingActivated" }.count == 9 + rounds, "worker \(w): \(types)")
            #expect(types.filter { $0 == "MappingDeactivated" }.count == rounds, "worker \(w): \(types)")
            #expect(types.count == 2 + 9 + 2 * rounds, "worker \(w): \(types)")
            let rules = log.filter {
                $0["type"] as? String == "AssociationRuleAdded" && $0["actor"] as? String == "worker-\(w)"
            }
            #expect(rules.count == rounds, "worker \(w): \(rules.count) rules")
        }

        /// Each order of the file received once, and its association and publication each recorded
        /// at most once, whichever server took it first.
        static func expectEachOrderOnce(in log: [[String: Any]], confirmed: [String]) {
            for type in ["OrderReceived", "OrderAssociated", "OrderPublished"] {
                let streams = log.filter { $0["type"] as? String == type }.compactMap { $0["stream"] as? String }
                #expect(Set(streams).count == streams.count, "\(type) once per order")
                if type == "OrderReceived" { #expect(Set(streams) == Set(confirmed.map { "order:" + $0 })) }
            }
        }

        /// Sends every line of `hooks` to each of `servers`, four deliveries at a time: the statuses.
        static func deliverToEach(_ hooks: String, _ servers: [WebhookServe], _ sandbox: SandboxAccounts) async throws
            -> [Int]
        {
            let lines = try String(contentsOfFile: hooks, encoding: .utf8).split(separator: "\n").map { Data($0.utf8) }
            let (credentials, subscription) = (ServeCLITests.credentials(sandbox), sandbox.webhook.subscription)
            return await lines.flatMap { line in servers.map { (line, $0) } }.concurrentMap(width: 4) { line, server in
                (try? await server.deliver(line, subscription: subscription, credentials: credentials))?.status ?? 0
            }
        }
    }
}
