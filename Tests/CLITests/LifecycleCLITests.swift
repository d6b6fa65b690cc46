import Foundation
import Testing

/// The whole workflow, typed as a user would, with the JSON shapes the CLI promises.
@Suite struct LifecycleCLITests {
    @Test func wholeWorkflowWithJSONShapes() throws {
        let cli = try CLI()
        let initRun = try cli("init")
        #expect(initRun.status == 0, "\(initRun)")
        #expect(initRun.stdout.contains("created store"))
        let again = try cli("init")
        #expect(again.status == 0)
        #expect(again.stdout.contains("already exists"))

        let sandbox = try SandboxAccounts(cli)
        #expect(sandbox.accounts.count == 3)
        let register = try cli(
            "connected-app", "register", "--consumer-key", sandbox.consumerKey, "--my-domain", sandbox.myDomain,
            "--consumer-secret-stdin", "--transport", "sandbox", "--json", stdin: sandbox.consumerSecret)
        #expect(register.status == 0, "\(register)")
        #expect(try register.object()["authorization"] as? String == "authorized")

        let us = sandbox.accounts[0]
        let create = try cli("channels", "create", "US Store", "--transport", "sandbox", "--json")
        #expect(create.status == 0, "\(create)")
        let created = try create.object()
        #expect(created["status"] as? String == "draft")
        #expect(created["credentials"] as? String == "none")
        #expect(created["targetId"] is NSNull)
        let id = try #require(created["id"] as? String)
        #expect(id == id.lowercased())
        #expect(UUID(uuidString: id) != nil)

        let credentials = try cli(
            "channels", "credentials", "us store", "--client-id", us.clientId, "--target-id", us.targetId,
            "--client-secret-stdin", "--json", stdin: us.clientSecret + "\n")
        #expect(credentials.status == 0, "\(credentials)")
        #expect(try credentials.object()["credentials"] as? String == "entered")

        let authorize = try cli("channels", "authorize", "US Store", "--json")
        #expect(authorize.status == 0, "\(authorize)")
        #expect(try authorize.object()["status"] as? String == "authorized")
        let headBefore = try cli.headPosition()
        let repeatAuthorize = try cli("channels", "authorize", "US Store", "--json")
        #expect(repeatAuthorize.status == 0)
        #expect(try repeatAuthorize.object()["changed"] as? Bool == false)
        #expect(try authorize.object()["changed"] as? Bool == true)
        #expect(try cli.headPosition() == headBefore, "a repeated authorize records nothing")

        let mappings = try cli("mappings", "list", "US Store", "--json").array()
        #expect(mappings.count == 9)
        let order = try #require(mappings.first)
        #expect(order["name"] as? String == "order")
        #expect(order["object"] as? String == "Order")
        #expect(order["status"] as? String == "inactive")
        let required = try #require(order["requiredFields"] as? [[String: Any]])
        #expect(
            required.map { $0["field"] as? String } == [
                "Amazon_bwp_oms__amazonBwpOrderID__c", "EffectiveDate", "Status",
            ])
        #expect(required.allSatisfy { $0["assigned"] as? Bool == true })

        let activate = try cli("mappings", "activate", "US Store", "--all", "--json")
        #expect(activate.status == 0, "\(activate)")
        #expect(try activate.object()["status"] as? String == "ready")
        let launch = try cli("channels", "launch", "US Store", "--json")
        #expect(launch.status == 0, "\(launch)")
        #expect(try launch.object()["status"] as? String == "live")
        let relaunchHead = try cli.headPosition()
        #expect(try cli("channels", "launch", "US Store").status == 0)
        #expect(try cli.headPosition() == relaunchHead, "launching a live channel records nothing")

        let list = try cli("channels", "list", "--json").array()
        let channel = try #require(list.first)
        #expect(channel["id"] as? String == id)
        #expect(channel["name"] as? String == "US Store")
        #expect(channel["status"] as? String == "live")
        #expect(channel["credentials"] as? String == "authorized")
        #expect(channel["targetId"] as? String == us.targetId)
        #expect(channel["transport"] as? String == "sandbox")
        let counts = try #require(channel["mappings"] as? [String: Int])
        #expect(counts == ["active": 9, "total": 9])
        let createdAt = try #require(channel["createdAt"] as? String)
        #expect(createdAt.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)

        let rename = try cli("channels", "rename", "US Store", "North America", "--json")
        #expect(rename.status == 0, "\(rename)")
        let history = try cli("history", "--channel", "North America", "--json").lines()
        #expect(history.first?["type"] as? String == "ChannelCreated")
        #expect(history.last?["type"] as? String == "ChannelRenamed")
        #expect(
            (history.first?["payload"] as? [String: Any])?["channelId"] as? String == id, "payload UUIDs are lower-case"
        )
        let keys: Set<String> = [
            "position", "eventId", "stream", "version", "type", "schemaVersion", "recordedAt", "actor", "correlationId",
            "causationId", "source", "payload",
        ]
        for line in history {
            #expect(keys.isSubset(of: Set(line.keys)), "\(line.keys)")
            #expect(line["stream"] as? String == "channel:\(id)")
            #expect(line["source"] as? String == "cli")
        }
        #expect(history.map { $0["version"] as? Int } == (0..<history.count).map { $0 + 1 })
        let entered = try #require(history.first { $0["type"] as? String == "CredentialsEntered" })
        let secret = try #require((entered["payload"] as? [String: Any])?["secret"] as? [String: Any])
        #expect(secret["ciphertext"] == nil, "history shows fingerprints, never ciphertext")
        #expect((secret["fingerprint"] as? String)?.count == 16)

        let actorRun = try cli("channels", "suspend", "North America", "--reason", "stock take", "--actor", "ops-bot")
        #expect(actorRun.status == 0, "\(actorRun)")
        let byActor = try cli("history", "--actor", "ops-bot", "--json").lines()
        #expect(byActor.map { $0["type"] as? String } == ["ChannelSuspended"])
        let byType = try cli("history", "--type", "ChannelLaunched", "--json").lines()
        #expect(byType.count == 1)
        let today = String(try #require(byType.first?["recordedAt"] as? String).prefix(10))
        #expect(
            try cli("history", "--until", today, "--json").lines().count == (try cli.headPosition()),
            "a bare --until date includes that day")
        #expect(try cli("history", "--since", "2999-01-01", "--json").stdout.isEmpty)
        #expect(try cli("history", "--stream", "connected-app", "--json").lines().count == 2)
        #expect(try cli("channels", "resume", "North America").status == 0)

        let verify = try cli("verify", "--json")
        #expect(verify.status == 0, "\(verify)")
        #expect(try verify.object()["headPosition"] as? Int == (try cli.headPosition()))

        let status = try cli("status", "--json").object()
        #expect(status["schemaVersion"] as? Int != nil)
        #expect((status["keySource"] as? String)?.contains("key file") == true)
        #expect((status["headHash"] as? String)?.count == 64)

        for secret in sandbox.secrets {
            #expect(!cli.printed.contains(secret), "a secret was printed")
            #expect(cli.storeBytes().range(of: Data(secret.utf8)) == nil, "a secret is in the store file")
        }
    }

    /// A re-registration Salesforce rejects is recorded as pending: the app authorized before stays in
    /// force, and channels can still be created against it.
    @Test func rejectedReRegistrationKeepsTheAppInForce() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let sandbox = try SandboxAccounts(cli)
        let register = [
            "connected-app", "register", "--consumer-key", sandbox.consumerKey, "--my-domain", sandbox.myDomain,
            "--consumer-secret-stdin", "--transport", "sandbox", "--json",
        ]
        let authorized = try cli.run(register, stdin: sandbox.consumerSecret)
        #expect(authorized.status == 0, "\(authorized)")
        let first = try #require(try authorized.object()["inForce"] as? [String: Any], "\(authorized)")
        let fingerprint = try #require(first["secretFingerprint"] as? String)

        // The sandbox rejects any secret but its own with invalid_client.
        let rejected = try cli.run(register, stdin: "not-the-consumer-secret")
        #expect(rejected.status == 5, "\(rejected)")
        #expect(rejected.stderr.split(separator: "\n").count == 1, "\(rejected)")
        #expect(try rejected.object()["changed"] as? Bool == true, "the rejection is recorded")

        let show = try cli("connected-app", "show", "--json").object()
        #expect(show["authorization"] as? String == "authorized", "\(show)")
        let inForce = try #require(show["inForce"] as? [String: Any], "\(show)")
        #expect(inForce["secretFingerprint"] as? String == fingerprint)
        #expect(inForce["consumerKey"] as? String == sandbox.consumerKey)
        #expect(inForce["myDomain"] as? String == sandbox.myDomain)
        #expect(inForce["transport"] as? String == "sandbox")
        #expect(inForce["authorizedAt"] is String)
        let pending = try #require(show["pending"] as? [String: Any], "\(show)")
        #expect(pending["secretFingerprint"] as? String != fingerprint)
        let failure = try #require(pending["failure"] as? [String: Any])
        #expect(failure["code"] as? String == "invalid_client")
        let text = try cli("connected-app", "show")
        #expect(text.stdout.contains("In force"), "\(text)")
        #expect(text.stdout.contains("failed: invalid_client"), "\(text)")

        let create = try cli("channels", "create", "US Store", "--transport", "sandbox", "--json")
        #expect(create.status == 0, "\(create)")
        #expect(try create.object()["status"] as? String == "draft")
        #expect(!cli.printed.contains("not-the-consumer-secret"))
    }

    @Test func versionAndHelp() throws {
        let cli = try CLI()
        let version = try cli("--version")
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try cli("channels", "--help")
        #expect(help.stdout.contains("credentials"))
    }

    @Test func demoRunsTheWholeWorkflow() throws {
        let cli = try CLI()
        let demo = try cli("demo")
        #expect(demo.status == 0, "\(demo)")
        #expect(demo.stdout.contains("launched"))
        #expect(demo.stdout.contains("intact:"))
        #expect(demo.stdout.components(separatedBy: " live ").count >= 3, "two live channels listed:\n\(demo.stdout)")
    }

    @Test func storeAndKeyFilesAreOwnerOnly() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.store)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let keys = cli.folder.appendingPathComponent("config/channel-ledger/keys")
        let files = try FileManager.default.contentsOfDirectory(atPath: keys.path)
        #expect(files.count == 1)
        let key = try FileManager.default.attributesOfItem(atPath: keys.appendingPathComponent(files[0]).path)
        #expect((key[.posixPermissions] as? Int) == 0o600)
    }
}

/// `history --follow` prints what is there, then what other processes commit, until interrupted.
@Suite struct FollowCLITests {
    @Test func followPrintsEventsAsOtherProcessesCommitThem() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let (follower, out, err) = try cli.start(
            ["history", "--follow", "--json", "--type", "ChannelCreated"], direct: true)
        defer { if follower.isRunning { follower.interrupt() } }
        #expect(try cli("channels", "create", "Late Arrival", "--transport", "sandbox").status == 0)
        let deadline = Date().addingTimeInterval(20)
        var printed = ""
        while Date() < deadline {
            printed = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if printed.contains("Late Arrival") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(printed.contains("\"type\":\"ChannelCreated\""), "\(printed)")
        #expect(printed.contains("Late Arrival"), "the follower saw the new channel: \(printed)")
        #expect(follower.isRunning, "it keeps following")
        follower.interrupt()
        follower.waitUntilExit()
        let run = cli.finish(follower, out, err)
        #expect(!run.stdout.contains("ConnectedAppRegistered"), "the --type filter still applies")
    }
}
