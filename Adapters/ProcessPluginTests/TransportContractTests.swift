import Foundation
import LiveTransport
import ProcessPluginTransport
import SandboxServer
import SandboxTransport
import Testing
import Transport

/// One suite over two transports against the sandbox server on loopback: `live` (Swift, in
/// process) and the example plugin `pysandbox` (Python, a separate process). What each operation
/// answers is the same; how they get there (retries, token caching) is each one's own and is
/// tested with it.
@Suite("Transport contract: live and the example plugin", .timeLimit(.minutes(1)))
struct TransportContractTests {
    enum Kind: String, CaseIterable, Sendable { case live, pysandbox }

    static let accounts = SandboxAccounts(
        salesforce: SalesforceAccount(
            consumerKey: "3MVG9CONTRACT.ChannelLedger.ConnectedApp",
            consumerSecret: "contract-consumer-secret-never-printed",
            myDomain: "https://contract.my.salesforce.com"),
        buyWithPrime: [
            BuyWithPrimeAccount(
                name: "Contract Store", clientId: "amzn1.application-oa2-client.contract-store",
                clientSecret: "contract-client-secret-never-printed", targetId: "ACONTRACTSTORE"),
            BuyWithPrimeAccount(
                name: "Contract Other", clientId: "amzn1.application-oa2-client.contract-other",
                clientSecret: "contract-other-secret-never-printed", targetId: "ACONTRACTOTHER"),
        ])
    static let store = accounts.buyWithPrime[0]
    static let orders = SandboxOrders.seeded(for: accounts)[store.targetId] ?? []

    /// Runs `body` with a sandbox server and the transport of `kind` calling it.
    func withTransport(_ kind: Kind, _ body: @Sendable (TransportDescriptor, String) async throws -> Void)
        async throws
    {
        try await SandboxServer.withRunning(SandboxServer.Configuration(accounts: Self.accounts)) { server in
            try await body(try await Self.transport(kind, server.baseURL), server.baseURL)
        }
    }

    static func account(_ url: String, secret: String? = nil, target: String? = nil) -> BuyWithPrimeCredentials {
        BuyWithPrimeCredentials(
            clientID: store.clientId, clientSecret: Secret(secret ?? store.clientSecret),
            targetID: target ?? store.targetId, endpoint: url, requestTimeout: .seconds(10))
    }

    static func org(_ url: String, secret: String? = nil) -> SalesforceOrg {
        SalesforceOrg(
            consumerKey: accounts.salesforce.consumerKey,
            consumerSecret: Secret(secret ?? accounts.salesforce.consumerSecret), myDomain: url,
            requestTimeout: .seconds(10))
    }

    @Test(arguments: Kind.allCases)
    func anAccountIsAuthorizedOrRejectedForItsSecretAndItsTarget(kind: Kind) async throws {
        try await withTransport(kind) { transport, url in
            let authorization = try await transport.buyWithPrime.authorize(Self.account(url))
            #expect(authorization.targetID == Self.store.targetId)
            #expect(authorization.expiresIn == 900)
            let wrong = await #expect(throws: TransportError.self) {
                try await transport.buyWithPrime.authorize(Self.account(url, secret: "not-the-secret"))
            }
            guard case .rejected(.buyWithPrime, "invalid_client", _)? = wrong else {
                Issue.record("\(kind): \(String(describing: wrong))")
                return
            }
            let other = await #expect(throws: TransportError.self) {
                try await transport.buyWithPrime.authorize(
                    Self.account(url, target: Self.accounts.buyWithPrime[1].targetId))
            }
            guard case .rejected(.buyWithPrime, "AccessDeniedError", _)? = other else {
                Issue.record("\(kind): \(String(describing: other))")
                return
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func anOrderIsFetchedByIdOrAliasAndAnUnknownOneIsNotFound(kind: Kind) async throws {
        try await withTransport(kind) { transport, url in
            let first = try #require(Self.orders.first)
            let byID = try await transport.buyWithPrime.order(id: first.id, as: Self.account(url))
            #expect(byID == first)
            let alias = try #require(first.aliases.first)
            #expect(try await transport.buyWithPrime.order(alias: alias, as: Self.account(url)) == first)
            let missing = await #expect(throws: TransportError.self) {
                try await transport.buyWithPrime.order(id: "322-NONE-000000", as: Self.account(url))
            }
            guard case .notFound(.buyWithPrime, _)? = missing else {
                Issue.record("\(kind): \(String(describing: missing))")
                return
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func theConnectedAppIsAuthorizedOrRejected(kind: Kind) async throws {
        try await withTransport(kind) { transport, url in
            let authorization = try await transport.salesforce.authorize(Self.org(url))
            #expect(authorization.instanceURL == url)
            let wrong = await #expect(throws: TransportError.self) {
                try await transport.salesforce.authorize(Self.org(url, secret: "not-the-secret"))
            }
            guard case .rejected(.salesforce, "invalid_client", _)? = wrong else {
                Issue.record("\(kind): \(String(describing: wrong))")
                return
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func aSalesChannelIsFoundCreatedAndUpdated(kind: Kind) async throws {
        try await withTransport(kind) { transport, url in
            let org = Self.org(url)
            #expect(
                try await transport.salesforce.findSalesChannel(externalChannelNumber: "ACONTRACTSTORE", in: org) == nil
            )
            let fields = SalesChannelFields(salesChannelName: "Contract Store", externalChannelNumber: "ACONTRACTSTORE")
            let id = try await transport.salesforce.createSalesChannel(fields, in: org)
            #expect(
                try await transport.salesforce.findSalesChannel(externalChannelNumber: "ACONTRACTSTORE", in: org)
                    == SalesChannelRecord(id: id, fields: fields))
            var renamed = fields
            renamed.salesChannelName = "Contract Shop"
            try await transport.salesforce.updateSalesChannel(id: id, renamed, in: org)
            #expect(
                try await transport.salesforce.findSalesChannel(externalChannelNumber: "ACONTRACTSTORE", in: org)?
                    .fields.salesChannelName == "Contract Shop")
        }
    }

    @Test(arguments: Kind.allCases)
    func ordersGetTheirChannelAndOneTheOrgHasNotYetIsNotFound(kind: Kind) async throws {
        try await withTransport(kind) { transport, url in
            let org = Self.org(url)
            let channel = try await transport.salesforce.createSalesChannel(
                SalesChannelFields(salesChannelName: "Contract Store", externalChannelNumber: "ACONTRACTSTORE"),
                in: org)
            let first = try #require(Self.orders.first)
            let last = try #require(Self.orders.last)  // the server's org does not have the last ones yet
            let results = try await transport.salesforce.setOrdersChannel(
                [first, last].map { OrderChannelUpdate(orderID: $0.id, salesChannelID: channel) },
                fields: OrderChannelFields(
                    externalIDField: "Amazon_bwp_oms__amazonBwpOrderID__c", channelField: "SalesChannelId"),
                in: org)
            #expect(results.count == 2)
            guard case .updated(first.id, _) = results[0] else {
                Issue.record("\(kind): \(results)")
                return
            }
            #expect(results[1] == .notFound(orderID: last.id))
        }
    }

    @Test(arguments: Kind.allCases)
    func anAnswerThatDoesNotReadIsMalformed(kind: Kind) async throws {
        try await SandboxServer.withRunning(SandboxServer.Configuration(accounts: Self.accounts)) { server in
            try await server.plan(.malformed, route: "*", count: 100)
            let transport = try await Self.transport(kind, server.baseURL)
            let error = await #expect(throws: TransportError.self) {
                try await transport.salesforce.authorize(Self.org(server.baseURL))
            }
            guard case .malformedAnswer(.salesforce, _)? = error else {
                Issue.record("\(kind): \(String(describing: error))")
                return
            }
        }
    }

    /// The transport of `kind` calling the server at `url`.
    static func transport(_ kind: Kind, _ url: String) async throws -> TransportDescriptor {
        switch kind {
        case .live: LiveTransport.descriptor(logger: Examples.logger)
        case .pysandbox: try await Examples.pysandbox(url: url).descriptor()
        }
    }

    @Test(arguments: Kind.allCases)
    func aServerThatKeepsFailingIsUnavailable(kind: Kind) async throws {
        try await SandboxServer.withRunning(SandboxServer.Configuration(accounts: Self.accounts)) { server in
            try await server.plan(.serverError, route: "*", count: 100)
            let transport = try await Self.transport(kind, server.baseURL)
            let error = await #expect(throws: TransportError.self) {
                try await transport.buyWithPrime.authorize(Self.account(server.baseURL))
            }
            guard case .unavailable(.buyWithPrime, _)? = error else {
                Issue.record("\(kind): \(String(describing: error))")
                return
            }
        }
    }
}
