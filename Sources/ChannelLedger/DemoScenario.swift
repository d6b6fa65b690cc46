import EventSourcing
import Foundation
import Transport

/// The whole setup workflow, as the CLI's demo runs it on a new store.
///
/// It drives the same service methods as the CLI commands, each with its own context
/// (time and correlation id), and reports each step through `step`.
public struct DemoScenario: Sendable {
    /// The Salesforce connected app's credentials.
    public struct App: Sendable {
        /// The connected app's consumer key.
        public var consumerKey: String
        /// The connected app's consumer secret.
        public var consumerSecret: Secret
        /// The org's My Domain URL, e.g. `https://acme.my.salesforce.com`.
        public var myDomain: String

        /// An app's credentials.
        public init(consumerKey: String, consumerSecret: Secret, myDomain: String) {
            self.consumerKey = consumerKey
            self.consumerSecret = consumerSecret
            self.myDomain = myDomain
        }
    }

    /// One Buy with Prime account, set up as one channel.
    public struct Account: Sendable {
        /// The name of the channel set up for this account.
        public var name: String
        /// The account's Buy with Prime client ID.
        public var clientID: String
        /// The account's Buy with Prime client secret.
        public var clientSecret: Secret
        /// The Target ID the account's credentials are authorized for.
        public var targetID: String

        /// An account's credentials.
        public init(name: String, clientID: String, clientSecret: Secret, targetID: String) {
            self.name = name
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.targetID = targetID
        }
    }

    /// The connected app, registered first.
    public var app: App
    /// The accounts to set up, one channel each, in order.
    public var accounts: [Account]
    /// The transport the connected app and every channel name.
    public var transport: String
    /// Who the scenario's events are recorded as.
    public var actor: String

    /// A scenario over a transport's accounts.
    public init(app: App, accounts: [Account], transport: String, actor: String) {
        self.app = app
        self.accounts = accounts
        self.transport = transport
        self.actor = actor
    }

    /// Registers the app, then creates, authorizes, maps and launches a channel per account.
    public func run(on service: LedgerService, step: (String) -> Void) async throws {
        let registered = try await service.registerConnectedApp(
            consumerKey: app.consumerKey, myDomain: app.myDomain, secret: { app.consumerSecret }, transport: transport,
            context: context())
        if let rejection = registered.rejection { throw rejection }
        let connected = registered.view.state
        step("connected app \(connected.inForce?.myDomain ?? "-"): \(connected.authorization.rawValue)")
        for account in accounts {
            let created = try await service.createChannel(named: account.name, transport: transport, context: context())
            step("created channel \"\(account.name)\" (\(created.view.state.status.rawValue))")
            _ = try await service.enterCredentials(
                account.name, clientID: account.clientID, targetID: account.targetID, secret: { account.clientSecret },
                context: context())
            let authorized = try await service.authorizeChannel(account.name, context: context())
            if let rejection = authorized.rejection { throw rejection }
            step(
                "authorized \"\(account.name)\" for target \(account.targetID) (\(authorized.view.state.status.rawValue))"
            )
            let mapped = try await service.activateMappings(account.name, names: nil, context: context())
            step(
                "activated \(mapped.view.state.activeMappingCount) mappings of \"\(account.name)\" "
                    + "(\(mapped.view.state.status.rawValue))")
            let launched = try await service.launchChannel(account.name, context: context())
            step("launched \"\(account.name)\" (\(launched.view.state.status.rawValue))")
        }
    }

    private func context() -> CommandContext {
        CommandContext(actor: actor, source: "demo")
    }
}
