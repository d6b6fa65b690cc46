import Foundation
import Testing

/// Where a channel's calls go: recorded when it is created, moved with `channels transport`.
@Suite struct TransportCLITests {
    @Test func aChannelRecordsItsEndpointAndMovesOnlyAsTheRulesAllow() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        let us = sandbox.accounts[0]

        let refused = try cli(
            "channels", "create", "Far", "--transport", "sandbox", "--endpoint", "http://api.example.com")
        #expect(refused.status == 3 && refused.stderr.contains("http:// only for a loopback host"), "\(refused)")

        let created = try cli(
            "channels", "create", "US Store", "--endpoint", "HTTP://127.0.0.1:9/bwp/", "--json")
        #expect(created.status == 0, "\(created)")
        let channel = try created.object()
        #expect(channel["transport"] as? String == "sandbox", "the connected app's transport by default")
        #expect(channel["endpoint"] as? String == "http://127.0.0.1:9/bwp")

        try cli.readyChannel(existing: "US Store", us)
        #expect(try cli("channels", "launch", "US Store").status == 0)

        let inForce = try cli("channels", "show", "US Store", "--json").object()["credentialsInForce"] as? [String: Any]
        let fingerprint = try #require(inForce?["secretFingerprint"] as? String)
        let head = try cli.headPosition()
        let live = try cli(
            "channels", "transport", "US Store", "--transport", "sandbox", "--endpoint", "http://127.0.0.1:10")
        #expect(live.status == 3 && live.stderr.contains("--suspend"), "\(live)")
        #expect(try cli.headPosition() == head)

        let moved = try cli(
            "channels", "transport", "US Store", "--transport", "sandbox", "--endpoint", "http://127.0.0.1:10",
            "--suspend",
            "--json")
        #expect(moved.status == 0, "\(moved)")
        let after = try moved.object()
        #expect(after["status"] as? String == "suspended" && after["credentials"] as? String == "entered")
        #expect(after["endpoint"] as? String == "http://127.0.0.1:10")
        #expect(
            (after["pendingCredentials"] as? [String: Any])?["secretFingerprint"] as? String == fingerprint,
            "the same sealed secret, pending")
        #expect(after["credentialsInForce"] is NSNull)

        #expect(
            try cli("channels", "resume", "US Store").status == 3, "not before the credentials are authorized again")
        #expect(try cli("channels", "authorize", "US Store").status == 0)
        #expect(try cli("channels", "resume", "US Store").status == 0)

        let history = try cli("history", "--channel", "US Store", "--json").lines()
        let types = history.compactMap { $0["type"] as? String }
        #expect(
            Array(types.suffix(4)) == [
                "ChannelSuspended", "ChannelTransportChanged", "CredentialsAuthorized", "ChannelResumed",
            ])
        let authorized = history.last { $0["type"] as? String == "CredentialsAuthorized" }
        let payload = authorized?["payload"] as? [String: Any]
        #expect(
            payload?["endpoint"] as? String == "http://127.0.0.1:10" && payload?["transport"] as? String == "sandbox")
    }

    @Test func reRegisteringWithoutATransportKeepsTheConnectedAppWhereItIs() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()  // registered with --transport sandbox
        let again = try cli(
            "connected-app", "register", "--consumer-key", sandbox.consumerKey, "--my-domain", sandbox.myDomain,
            "--consumer-secret-stdin", "--json", stdin: sandbox.consumerSecret)
        #expect(again.status == 0, "\(again)")
        #expect(try again.object()["changed"] as? Bool == false, "the same app, the same transport: nothing to record")
        let app = try cli("connected-app", "show", "--json").object()
        #expect((app["inForce"] as? [String: Any])?["transport"] as? String == "sandbox")
    }
}
