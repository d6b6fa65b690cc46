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
/// received once, associated at most once and published at most once.
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
            var cli = try CLI()
            cli.environment["CHANNEL_LEDGER_MASTER_KEY"] = CrashCLITests.key
            if kind == .postgres {
                guard let url = PostgresCLIServer.url else {
                    #expect(
                        ProcessInfo.processInfo.environment["CI"] != "true",
                        "CI=true but no PostgreSQL; run `make postgres`")
                    return
                }
                cli.environment["CHANNEL_LEDGER_STORE"] =
                    url + (url.contains("?") ? "&" : "?") + "schema=mixed_\(UUID().uuidString.prefix(8).lowercased())"
            }
            let ready = cli
            let sandbox = try await offThePool { () throws -> SandboxAccounts in
                let sandbox = try ready.prepared()
                try ready.readyChannel("US Store", sandbox.accounts[0])
                return sandbox
            }
            #expect(try await cli.exec("channels", "launch", "US Store").status == 0)
            #expect(try await cli.exec("channels", "create", "Shared", "--transport", "sandbox").status == 0)
            let add = try await cli.exec(
                "webhooks", "add", sandbox.webhook.subscription, "--username", sandbox.webhook.username,
                "--password-stdin", stdin: sandbox.webhook.password + "\n")
            try #require(add.status == 0, "\(add)")
            let hooks = try await CrashCLITests.webhookFile(cli, orders: 20 * Self.rounds)
            let confirmed = try CrashCLITests.confirmedOrderIds(hooks)
            let servers = [try await WebhookServe.start(cli), try await WebhookServe.start(cli)]
            defer { for server in servers { server.kill() } }
            // Every delivery goes to both servers while the workers run, as two hosts behind a
            // balancer that retries would take it.
            async let delivered = Self.deliverToEach(hooks, servers, sandbox)

            let runs = try await withThrowingTaskGroup(of: [(Int, [String], CLI.Run)].self) { group in
                for w in 0..<Self.workers {
                    group.addTask {
                        try await offThePool {
                            try Self.commands(w).map { command in
                                (w, command.arguments, try ready.run(command.arguments + ["--actor", "worker-\(w)"]))
                            }
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
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
            // Each order received once, associated at most once and published at most once,
            // whichever server took it first.
            for type in ["OrderReceived", "OrderAssociated", "OrderPublished"] {
                let streams = log.filter { $0["type"] as? String == type }.compactMap { $0["stream"] as? String }
                #expect(Set(streams).count == streams.count, "\(type) once per order")
                if type == "OrderReceived" { #expect(Set(streams) == Set(confirmed.map { "order:" + $0 })) }
            }
            let positions = log.compactMap { ($0["position"] as? NSNumber)?.int64Value }
            #expect(positions == Array(1...Int64(positions.count)), "gap-free positions")
            #expect(try await cli.exec("verify").status == 0)
            let channels = try await cli.exec("channels", "list", "--json").array()
            func stream(_ name: String) -> String? {
                (channels.first { $0["name"] as? String == name }?["id"] as? String).map { "channel:" + $0 }
            }
            for w in 0..<Self.workers {
                // Its own channel: every command recorded, once.
                let own = try #require(stream("Own \(w) renamed"), "worker \(w)'s channel")
                let types = log.filter { $0["stream"] as? String == own }.compactMap { $0["type"] as? String }
                #expect(types.first == "ChannelCreated" && types.last == "ChannelRenamed", "worker \(w): \(types)")
                #expect(types.filter { $0 == "MappingActivated" }.count == 9 + Self.rounds, "worker \(w): \(types)")
                #expect(types.filter { $0 == "MappingDeactivated" }.count == Self.rounds, "worker \(w): \(types)")
                #expect(types.count == 2 + 9 + 2 * Self.rounds, "worker \(w): \(types)")
                // Its rules, each added once, whoever else was changing the flow.
                let rules = log.filter {
                    $0["type"] as? String == "AssociationRuleAdded" && $0["actor"] as? String == "worker-\(w)"
                }
                #expect(rules.count == Self.rounds, "worker \(w): \(rules.count) rules")
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

        /// Sends every line of `hooks` to each of `servers`, four deliveries at a time: the statuses.
        static func deliverToEach(_ hooks: String, _ servers: [WebhookServe], _ sandbox: SandboxAccounts) async throws
            -> [Int]
        {
            let lines = try String(contentsOfFile: hooks, encoding: .utf8).split(separator: "\n").map { Data($0.utf8) }
            let credentials = ServeCLITests.credentials(sandbox)
            let subscription = sandbox.webhook.subscription
            let deliveries = lines.flatMap { line in servers.map { (line, $0) } }
            return await withTaskGroup(of: Int.self) { group in
                var statuses: [Int] = []
                for (index, (line, server)) in deliveries.enumerated() {
                    group.addTask {
                        (try? await server.deliver(line, subscription: subscription, credentials: credentials))?.status
                            ?? 0
                    }
                    if index >= 3, let status = await group.next() { statuses.append(status) }
                }
                for await status in group { statuses.append(status) }
                return statuses
            }
        }
    }
}
