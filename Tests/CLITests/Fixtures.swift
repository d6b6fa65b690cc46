import Foundation
import Testing

/// The sandbox's public demo accounts, read as a user would: `sandbox accounts --json`.
struct SandboxAccounts {
    struct Account {
        var name: String
        var clientId: String
        var clientSecret: String
        var targetId: String
    }

    var consumerKey: String
    var consumerSecret: String
    var myDomain: String
    var accounts: [Account]
    /// The demo webhook subscription: name, username, password.
    var webhook: (subscription: String, username: String, password: String)

    init(_ cli: CLI) throws {
        let json = try cli("sandbox", "accounts", "--json").object()
        let salesforce = try #require(json["salesforce"] as? [String: String])
        consumerKey = try #require(salesforce["consumerKey"])
        consumerSecret = try #require(salesforce["consumerSecret"])
        myDomain = try #require(salesforce["myDomain"])
        let list = try #require(json["buyWithPrime"] as? [[String: String]])
        accounts = try list.map {
            Account(
                name: try #require($0["name"]), clientId: try #require($0["clientId"]),
                clientSecret: try #require($0["clientSecret"]), targetId: try #require($0["targetId"]))
        }
        let hook = try #require(json["webhook"] as? [String: String])
        webhook = (try #require(hook["subscription"]), try #require(hook["username"]), try #require(hook["password"]))
    }

    /// Every secret the sandbox knows.
    var secrets: [String] { [consumerSecret, webhook.password] + accounts.map(\.clientSecret) }
}

extension CLI {
    /// init + connected app registered and authorized.
    func prepared() throws -> SandboxAccounts {
        try #require(self("init").status == 0)
        let sandbox = try SandboxAccounts(self)
        let run = try self(
            "connected-app", "register", "--consumer-key", sandbox.consumerKey, "--my-domain", sandbox.myDomain,
            "--consumer-secret-stdin", "--transport", "sandbox", stdin: sandbox.consumerSecret + "\n")
        try #require(run.status == 0, "\(run)")
        return sandbox
    }

    /// A channel created, authorized with an account's credentials and with every mapping active.
    func readyChannel(_ name: String, _ account: SandboxAccounts.Account) throws {
        let create = try self("channels", "create", name, "--transport", "sandbox")
        try #require(create.status == 0, "\(create)")
        try readyChannel(existing: name, account)
    }

    /// The sandbox's demo webhook subscription added, its password typed on stdin.
    func addWebhookSubscription(_ sandbox: SandboxAccounts) throws {
        let add = try self(
            "webhooks", "add", sandbox.webhook.subscription, "--username", sandbox.webhook.username,
            "--password-stdin", stdin: sandbox.webhook.password + "\n")
        try #require(add.status == 0, "\(add)")
    }

    /// An existing channel authorized with an account's credentials and with every mapping active.
    func readyChannel(existing name: String, _ account: SandboxAccounts.Account) throws {
        for arguments in [
            [
                "channels", "credentials", name, "--client-id", account.clientId, "--target-id", account.targetId,
                "--client-secret-stdin",
            ],
            ["channels", "authorize", name],
            ["mappings", "activate", name, "--all"],
        ] {
            let run = try self.run(arguments, stdin: account.clientSecret)
            try #require(run.status == 0, "\(arguments): \(run)")
        }
    }
}
