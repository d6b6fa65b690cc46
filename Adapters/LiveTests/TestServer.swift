import AsyncHTTPClient
import Foundation
import LiveHTTP
import LiveTransport
import Logging
import SandboxServer
import SandboxTransport
import Transport

/// A sandbox server on a free loopback port, and the live transport pointed at it.
///
/// The server has accounts only these tests know (``accounts``, not the public demo ones), their
/// seeded orders (``orders``), and the org those orders live in; a test plans faults with
/// ``fault(_:on:count:)`` and reads what the server received with ``requests()``.
struct TestServer: Sendable {
    /// One store and a second one, with secrets that appear nowhere but here: a log or an error
    /// showing one has leaked it.
    static let accounts = SandboxAccounts(
        salesforce: SalesforceAccount(
            consumerKey: "3MVG9LIVETESTS.ChannelLedger.ConnectedApp",
            consumerSecret: "live-tests-consumer-secret-never-printed",
            myDomain: "https://live-tests.my.salesforce.com"),
        buyWithPrime: [
            BuyWithPrimeAccount(
                name: "Test Store", clientId: "amzn1.application-oa2-client.live-tests-store",
                clientSecret: "live-tests-client-secret-never-printed", targetId: "ALIVETESTSTORE"),
            BuyWithPrimeAccount(
                name: "Other Store", clientId: "amzn1.application-oa2-client.live-tests-other",
                clientSecret: "live-tests-other-secret-never-printed", targetId: "ALIVETESTOTHER"),
        ])
    /// The account ``account(secret:timeout:)`` acts as.
    static let store = accounts.buyWithPrime[0]
    /// An account whose orders and target ``store`` may not see.
    static let other = accounts.buyWithPrime[1]
    /// Each account's seeded orders, by Target ID, as the server serves them.
    static let orders = SandboxOrders.seeded(for: accounts)
    /// ``store``'s orders, oldest first; the org has all but the last ``notCreated``.
    static let storeOrders = orders[store.targetId] ?? []
    /// How many of each account's last orders the org does not have yet (the server's default).
    static let notCreated = SandboxServer.Configuration().ordersNotCreated
    /// ``store``'s first order: it has an `EXTERNAL_ID` alias and exists in the org.
    static let order = storeOrders[0]
    /// The fields that hold an order's Buy with Prime id and its channel in the org.
    static let orderFields = OrderChannelFields(
        externalIDField: "Amazon_bwp_oms__amazonBwpOrderID__c", channelField: "SalesChannelId")

    /// The running server.
    let sandbox: RunningSandboxServer
    /// The client of these tests, shut down when ``run(_:)`` ends.
    let client: HTTPClient

    /// The base URL of both APIs, e.g. `http://127.0.0.1:54321`.
    var baseURL: String { sandbox.baseURL }

    /// Starts a server with ``accounts``, runs `body` against it, then stops it and shuts the client down.
    static func run<Value: Sendable>(_ body: @Sendable (TestServer) async throws -> Value) async throws -> Value {
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: HTTPClientTransport.configuration)
        do {
            let value = try await SandboxServer.withRunning(SandboxServer.Configuration(accounts: accounts)) {
                try await body(TestServer(sandbox: $0, client: client))
            }
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The `live` transport over this test's client, with `policy`, logging to `logger`.
    func live(
        policy: RetryPolicy = .standard, maxBodyBytes: Int = HTTPClientTransport.defaultMaxBodyBytes,
        logger: Logger = Logger(label: "live-transport-tests")
    ) -> TransportDescriptor {
        LiveTransport.descriptor(
            http: HTTPClientTransport(client: client, maxBodyBytes: maxBodyBytes), retryPolicy: policy, logger: logger)
    }

    /// ``store``'s credentials (or `account`'s) with this server as the endpoint.
    func account(
        _ account: BuyWithPrimeAccount = store, secret: String? = nil, timeout: Duration = .seconds(10)
    ) -> BuyWithPrimeCredentials {
        BuyWithPrimeCredentials(
            clientID: account.clientId, clientSecret: Secret(secret ?? account.clientSecret),
            targetID: account.targetId, endpoint: baseURL, requestTimeout: timeout)
    }

    /// The connected app with this server as its My Domain.
    func org(secret: String? = nil, timeout: Duration = .seconds(10)) -> SalesforceOrg {
        let app = Self.accounts.salesforce
        return SalesforceOrg(
            consumerKey: app.consumerKey, consumerSecret: Secret(secret ?? app.consumerSecret), myDomain: baseURL,
            requestTimeout: timeout)
    }

    /// The next `count` calls of `route` (`POST /graphql`, `*`) answer with `fault`.
    func fault(_ fault: Fault, on route: String, count: Int = 1) async throws {
        try await sandbox.plan(fault, route: route, count: count)
    }

    /// What the APIs received, oldest first.
    func requests() async -> [RequestLog.Entry] {
        await sandbox.requests()
    }

    /// The calls of `method path` the APIs received, oldest first.
    func requests(_ method: String, _ path: String) async -> [RequestLog.Entry] {
        await requests().filter { $0.method == method && $0.path == path }
    }

    /// How many calls of `method path` the APIs received.
    func count(_ method: String, _ path: String) async -> Int {
        await requests(method, path).count
    }
}
