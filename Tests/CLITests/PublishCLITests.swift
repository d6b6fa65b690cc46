import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `publish` over real HTTP against `sandbox serve`, through the live transport: a launched channel
/// becomes a SalesChannel, its orders get their channel in the org, each write once; what the org
/// does not have yet waits and is published once it does.
@Suite(.timeLimit(.minutes(3)))
struct PublishCLITests {
    @Test func channelsAndAssociationsReachTheOrgOnceEach() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        // Every pass tries the orders the org lacks again (their backoff has its own test).
        try await Self.usStore(
            cli, server,
            then: [["mappings", "activate", "US Store", "--all"], ["settings", "set", "publish.retry-delay", "0"]])
        // Orders before the launch wait unassociated; the by-target-id rule places them on reassess.
        try await Self.importSandboxWebhooks(cli)
        let notLaunched = try await cli.exec("publish", "--json").object()
        #expect((notLaunched["channelsPublished"] as? [String])?.isEmpty == true, "a channel never launched waits")
        #expect(try await cli.exec("channels", "launch", "US Store").status == 0)
        #expect(try await cli.exec("orders", "reassess").status == 0)
        let us = try await cli.exec("orders", "list", "--channel", "US Store", "--json").array()
        #expect(us.count == 20)

        let waiting = try await cli.exec("publish", "status", "--json").object()
        #expect(waiting["pendingChannels"] as? [String] == ["US Store"])
        #expect(waiting["pendingOrders"] as? Int == 20)
        #expect(waiting["lease"] is NSNull, "no publisher at work")

        let first = try await cli.exec("publish", "--json")
        #expect(first.status == 0, "\(first)")
        let outcome = try first.object()
        #expect(outcome["channelsPublished"] as? [String] == ["US Store"])
        #expect(outcome["ordersPublished"] as? Int == 18, "the org has all but the last two: \(outcome)")
        let deferred = try #require(outcome["deferred"] as? [[String: Any]])
        #expect(
            deferred.count == 2
                && deferred.allSatisfy {
                    $0["reason"] as? String == "not in the org yet" && $0["attempts"] as? Int == 1
                })

        let settled = try await cli.exec("publish", "status", "--json").object()
        #expect((settled["pendingChannels"] as? [String])?.isEmpty == true)
        #expect(settled["pendingOrders"] as? Int == 2)
        #expect(
            Set(settled["firstPendingOrders"] as? [String] ?? [])
                == Set(deferred.compactMap { $0["orderId"] as? String }))
        #expect(settled["lease"] is NSNull, "the pass gave its lease up")
        let text = try await cli.exec("publish", "status")
        #expect(
            text.stdout.contains("orders waiting: 2") && text.stdout.contains("publisher: no pass running now"),
            "\(text)")

        let shown = try await cli.exec("channels", "show", "US Store", "--json").object()
        let salesforce = try #require(shown["salesforce"] as? [String: Any], "\(shown)")
        let salesChannel = try #require(salesforce["salesChannelId"] as? String)
        #expect(salesforce["pending"] as? Bool == false)

        // A second pass writes nothing again.
        let (before, _) = try await server.requests()
        let second = try await cli.exec("publish", "--json").object()
        #expect((second["channelsPublished"] as? [String])?.isEmpty == true)
        #expect(second["ordersPublished"] as? Int == 0)
        let (after, _) = try await server.requests()
        let writes = after.dropFirst(before.count).filter {
            ["POST", "PATCH"].contains($0["method"] as? String)
                && ($0["path"] as? String)?.contains("/oauth2/") == false
        }
        #expect(
            writes.isEmpty,
            "the two orders the org lacks are only looked up again: \(writes.map { "\($0["method"] ?? "") \($0["path"] ?? "")" })"
        )
        let creations = after.filter {
            $0["method"] as? String == "POST" && ($0["path"] as? String)?.contains("/sobjects/SalesChannel") == true
        }
        #expect(
            creations.count == 1,
            "the SalesChannel is created once: \(after.map { "\($0["method"] ?? "") \($0["path"] ?? "")" })")

        // A rename updates that record by its id; the org gets a waiting order, which then publishes.
        #expect(try await cli.exec("channels", "rename", "US Store", "US Shop").status == 0)
        let missing = try #require(deferred.first?["orderId"] as? String)
        try await server.createOrgOrder(missing)
        let third = try await cli.exec("publish", "--json").object()
        #expect(third["channelsPublished"] as? [String] == ["US Shop"])
        #expect(third["ordersPublished"] as? Int == 1)
        let (log, _) = try await server.requests()
        #expect(
            log.contains {
                $0["method"] as? String == "PATCH"
                    && ($0["path"] as? String)?.hasSuffix("/sobjects/SalesChannel/\(salesChannel)") == true
            }, "updated by its id")
        let order = try await cli.exec("orders", "show", missing, "--json").object()
        #expect(order["published"] as? Bool == true, "\(order)")
        let history = try await cli.exec("history", "--type", "OrderPublished", "--json").lines()
        #expect(history.count == 19 && history.allSatisfy { $0["source"] as? String == "publisher" })
        #expect(try await cli.exec("verify").status == 0)
    }

    @Test func anOrderTheOrgLacksIsGivenUpOnListedAndPublishedByARetryOnceTheOrgHasIt() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        try await Self.usStore(
            cli, server,
            then: Self.launched + [
                ["settings", "set", "publish.max-attempts", "2"], ["settings", "set", "publish.retry-delay", "0"],
            ])
        try await Self.importSandboxWebhooks(cli)

        let first = try await cli.exec("publish", "--json").object()
        let deferred = try #require(first["deferred"] as? [[String: Any]])
        let missing = deferred.compactMap { $0["orderId"] as? String }.sorted()
        #expect(missing.count == 2 && deferred.allSatisfy { $0["attempts"] as? Int == 1 }, "\(first)")
        let retrying = try await cli.exec("publish", "status")
        #expect(retrying.stdout.contains("retrying: 2 order(s)"), "\(retrying)")

        let second = try await cli.exec("publish")
        #expect(second.status == 0, "giving up is an outcome, not an error: \(second)")
        #expect(
            second.stdout.contains("gave up on 2 order(s)") && second.stdout.contains("--retry-failed"), "\(second)")
        let listed = try await cli.exec("orders", "list", "--unpublished", "--json").array()
        #expect(listed.compactMap { $0["orderId"] as? String } == missing)
        #expect(
            listed.allSatisfy {
                let failure = $0["publishFailure"] as? [String: Any]
                return failure?["attempts"] as? Int == 2 && failure?["reason"] as? String == "not in the org yet"
            }, "\(listed)")
        let table = try await cli.exec("orders", "list", "--unpublished")
        #expect(table.stdout.contains("failed: not in the org yet (2 attempts)"), "\(table)")
        let failedEvents = try await cli.exec("history", "--type", "OrderPublishFailed", "--json").lines()
        #expect(failedEvents.count == 2 && failedEvents.allSatisfy { $0["source"] as? String == "publisher" })

        // Left alone: a plain pass does not call the org about them.
        let (before, _) = try await server.requests()
        let third = try await cli.exec("publish", "--json").object()
        #expect(third["changed"] as? Bool == false)
        #expect(try await server.requests().0.count == before.count, "no request at all")

        // The org gets one of them; a retry publishes it, and the other stays given up on.
        try await server.createOrgOrder(missing[0])
        let retry = try await cli.exec("publish", "--retry-failed", "--json").object()
        #expect(retry["ordersPublished"] as? Int == 1, "\(retry)")
        #expect((retry["failed"] as? [[String: Any]])?.compactMap { $0["orderId"] as? String } == [missing[1]])
        let shown = try await cli.exec("orders", "show", missing[0], "--json").object()
        #expect(shown["published"] as? Bool == true && shown["publishFailure"] is NSNull, "\(shown)")
        let still = try await cli.exec("orders", "list", "--unpublished", "--json").array()
        #expect(still.compactMap { $0["orderId"] as? String } == [missing[1]])
        let status = try await cli.exec("publish", "status", "--json").object()
        #expect(status["failedOrders"] as? Int == 1 && status["pendingOrders"] as? Int == 0, "\(status)")
        #expect(try await cli.exec("verify").status == 0)
    }

    @Test func anOrderWaitingForItsNextAttemptIsNotAskedForBeforeThen() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        try await Self.usStore(cli, server, then: Self.launched + [["settings", "set", "publish.retry-delay", "3600"]])
        try await Self.importSandboxWebhooks(cli)
        let first = try await cli.exec("publish", "--json").object()
        let deferred = try #require(first["deferred"] as? [[String: Any]])
        #expect(deferred.count == 2 && deferred.allSatisfy { $0["retryAt"] is String }, "\(first)")

        let (before, _) = try await server.requests()
        let second = try await cli.exec("publish")
        #expect(second.status == 0 && second.stdout.contains("1 failed attempt, next after"), "\(second)")
        #expect(try await server.requests().0.count == before.count, "no request before the next attempt is due")
        // Asking to retry the given-up orders when there are none says so, and still waits for the deferred.
        let retry = try await cli.exec("publish", "--retry-failed")
        #expect(retry.status == 0 && retry.stdout.contains("deferred 2 order(s)"), "\(retry)")
        #expect(
            retry.stderr.contains("note: no order had been given up on, so --retry-failed had nothing to try again")
                && retry.stderr.contains("channel-ledger publish status"), "\(retry)")
        #expect(try await server.requests().0.count == before.count, "--retry-failed does not hurry deferred orders")
        let retryJSON = try await cli.exec("publish", "--retry-failed", "--json")
        #expect(retryJSON.stderr.isEmpty, "--json output stays one document: \(retryJSON)")
        let status = try await cli.exec("publish", "status", "--json").object()
        let last = try #require(status["lastFailure"] as? [String: Any], "\(status)")
        #expect(last["reason"] as? String == "not in the org yet" && last["attempts"] as? Int == 1)
        #expect(status["retryingOrders"] as? Int == 2 && status["pendingOrders"] as? Int == 2)
    }

    @Test func twoPublishersAtOnceWriteEachChangeOnce() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        try await Self.usStore(cli, server, then: Self.launched)
        try await Self.importSandboxWebhooks(cli)

        let runs = try await offThePool {
            let started = try (0..<2).map { _ in try cli.start(["publish", "--json"]) }
            return started.map { process, out, err in
                process.waitUntilExit()
                return cli.finish(process, out, err)
            }
        }
        for run in runs {
            #expect(run.status == 0 || run.status == 7, "\(run)")
            if run.status == 7 { #expect(run.stderr.contains("another publisher is at work"), "\(run)") }
        }
        #expect(runs.contains { $0.status == 0 })
        let (log, _) = try await server.requests()
        let creations = log.filter {
            $0["method"] as? String == "POST" && ($0["path"] as? String)?.contains("/sobjects/SalesChannel") == true
        }
        #expect(creations.count == 1, "one SalesChannel, whichever publisher made it")
        let published = try await cli.exec("history", "--type", "SalesChannelPublished", "--json").lines()
        #expect(published.count == 1)
        let orders = try await cli.exec("history", "--type", "OrderPublished", "--json").lines()
        #expect(Set(orders.compactMap { $0["stream"] as? String }).count == orders.count, "each order once")
    }

    @Test func aRevokedConnectedAppStopsPublishingAndLaunchingUntilRegisteredAgain() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        let sandbox = try await Self.usStore(
            cli, server, then: Self.launched + [["channels", "suspend", "US Store", "--reason", "stocktake"]])

        // Salesforce's token endpoint now refuses the app, as it does once the app is revoked.
        try await server.plan(["route": "POST /services/oauth2/token", "fault": "401", "count": 1])
        let refused = try await cli.exec("publish")
        #expect(refused.status == 5, "\(refused)")
        #expect(refused.errorLines.count == 1 && refused.stderr.contains("invalid_client"), "\(refused)")
        let app = try await cli.exec("connected-app", "show", "--json").object()
        #expect(app["authorization"] as? String == "revoked", "\(app)")
        #expect((app["revoked"] as? [String: Any])?["code"] as? String == "invalid_client")
        let revoked = try await cli.exec("history", "--type", "ConnectedAppAuthorizationRevoked", "--json").lines()
        #expect(revoked.count == 1 && revoked.first?["source"] as? String == "publisher")
        let resume = try await cli.exec("channels", "resume", "US Store")
        #expect(resume.status == 3 && resume.stderr.contains("connected app"), "\(resume)")

        let register = try await cli.exec(
            "connected-app", "register", "--consumer-key", sandbox.consumerKey, "--my-domain", server.baseURL,
            "--consumer-secret-stdin", stdin: sandbox.consumerSecret + "\n")
        #expect(register.status == 0, "\(register)")
        #expect(try await cli.exec("channels", "resume", "US Store").status == 0)
        let published = try await cli.exec("publish", "--json")
        #expect(published.status == 0, "\(published)")
        #expect(try published.object()["channelsPublished"] as? [String] == ["US Store"])
    }

    @Test func aNewTargetIDUpdatesTheSalesChannelByItsId() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        let sandbox = try await Self.usStore(cli, server, then: Self.launched)
        #expect(try await cli.exec("publish").status == 0)
        let first = try await cli.exec("channels", "show", "US Store", "--json").object()
        let salesChannel = try #require((first["salesforce"] as? [String: Any])?["salesChannelId"] as? String)

        // The channel moves to the second account: new credentials, authorized, in force.
        try await cli.credentials("US Store", sandbox.accounts[1])
        #expect(try await cli.exec("channels", "authorize", "US Store").status == 0)
        let status = try await cli.exec("publish", "status", "--json").object()
        #expect(status["pendingChannels"] as? [String] == ["US Store"], "a new target ID is pending: \(status)")
        let (before, _) = try await server.requests()
        let second = try await cli.exec("publish", "--json").object()
        #expect(second["channelsPublished"] as? [String] == ["US Store"])
        let calls = try await server.requests().0.dropFirst(before.count).map {
            "\($0["method"] ?? "") \($0["path"] ?? "")"
        }
        #expect(
            calls.contains("PATCH /services/data/v62.0/sobjects/SalesChannel/\(salesChannel)"), "by its id: \(calls)")
        #expect(
            !calls.contains { $0.hasPrefix("POST") && $0.contains("SalesChannel") }, "never created again: \(calls)")
        let published = try await cli.exec("history", "--type", "SalesChannelPublished", "--json").lines()
        #expect(
            published.compactMap { ($0["payload"] as? [String: Any])?["targetId"] as? String }
                == [sandbox.accounts[0].targetId, sandbox.accounts[1].targetId])
    }

    @Test func throttlingAndServerErrorsAreRetriedAndNeverRecordedAsARevocation() async throws {
        let cli = try CLI()
        let server = try await SandboxServe.start(cli)
        defer { server.kill() }
        try await Self.usStore(cli, server, then: Self.launched)
        try await Self.importSandboxWebhooks(cli)

        // One 429 on the token and one 500 on the composite: both within the retries.
        try await server.plan(["route": "POST /services/oauth2/token", "fault": "429", "retryAfter": 1])
        try await server.plan(["route": "POST /services/data/v62.0/composite", "fault": "500"])
        let passed = try await cli.exec("publish", "--json")
        #expect(passed.status == 0, "\(passed)")
        #expect(try passed.object()["ordersPublished"] as? Int == 18)

        // A storm of 500s on the token endpoint: unavailable, one line, and the app keeps its authorization.
        #expect(try await cli.exec("channels", "rename", "US Store", "US Shop").status == 0)
        try await server.plan(["route": "POST /services/oauth2/token", "fault": "500", "count": 50])
        let storm = try await cli.exec("publish")
        #expect(storm.status == 6 && storm.errorLines.count == 1, "\(storm)")
        #expect(storm.stderr.contains("Salesforce is unavailable"), "\(storm)")
        let revoked = try await cli.exec("history", "--type", "ConnectedAppAuthorizationRevoked", "--json").lines()
        #expect(revoked.isEmpty, "throttling and 5xx are not a loss of authorization")
        let app = try await cli.exec("connected-app", "show", "--json").object()
        #expect(app["authorization"] as? String == "authorized", "\(app)")
        try await server.clearFaults()
        #expect(try await cli.exec("publish").status == 0, "the next pass publishes the rename")
    }

    /// Every mapping of `US Store` active, then the channel launched.
    static let launched = [["mappings", "activate", "US Store", "--all"], ["channels", "launch", "US Store"]]

    /// `init`, the connected app on the live transport against `server`, and `US Store` created on
    /// the first sandbox account with its credentials authorized, then `steps` run in turn.
    @discardableResult
    static func usStore(_ cli: CLI, _ server: SandboxServe, then steps: [[String]]) async throws -> SandboxAccounts {
        let sandbox = try await cli.preparedLive(server)
        #expect(try await cli.exec("channels", "create", "US Store", "--endpoint", server.baseURL).status == 0)
        try await cli.credentials("US Store", sandbox.accounts[0])
        for arguments in [["channels", "authorize", "US Store"]] + steps {
            let run = try await cli.run(arguments)
            #expect(run.status == 0, "\(run)")
        }
        return sandbox
    }

    /// The sandbox's webhook envelopes taken as `orders import` takes a file.
    static func importSandboxWebhooks(_ cli: CLI) async throws {
        let hooks = cli.path("hooks.jsonl")
        try (try await cli.exec("sandbox", "webhooks")).stdout.write(toFile: hooks, atomically: true, encoding: .utf8)
        #expect(try await cli.exec("orders", "import", hooks).status == 0)
    }
}
