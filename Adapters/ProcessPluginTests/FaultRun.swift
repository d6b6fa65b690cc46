import Foundation
import LiveHTTP
import LiveTransport
import ProcessPluginTransport
import SandboxServer
import SandboxTransport
import Transport

/// One row of the fault table played: a sandbox server with the demo accounts, the row's transport
/// calling it, what the operation needs first (a token, a channel), the fault, the call, and what
/// the server received on the faulted route.
struct FaultRun: Sendable {
    /// The public demo accounts: their secrets are the ones no error may show.
    static let accounts = SandboxAccounts.demo
    /// The Buy with Prime account every row acts as.
    static let store = accounts.buyWithPrime[0]
    /// `store`'s first seeded order, which the org has.
    static let order = SandboxOrders.seeded(for: accounts)[store.targetId]?.first
    /// The fields that hold an order's Buy with Prime id and its channel in the sandbox's org.
    static let orderFields = OrderChannelFields(
        externalIDField: "Amazon_bwp_oms__amazonBwpOrderID__c", channelField: "SalesChannelId")

    /// `live`'s retry policy in the table: ``FaultTable/attempts`` attempts, short backoffs (a
    /// `Retry-After` still sets the wait), and time enough that the bound is the attempts.
    static let retryPolicy = RetryPolicy(
        maxAttempts: FaultTable.attempts, totalTime: .seconds(30), baseDelay: .milliseconds(40),
        maxDelay: .milliseconds(80))

    /// The example plugin, started once and shared by every row but the timeout rows: each row's
    /// server has a port of its own, so its tokens are cached apart from the others'.
    static let pysandbox = Examples.pysandbox()

    /// What the call ended in and what the server saw.
    struct Outcome: Sendable {
        /// The error the call threw, or nil when it returned.
        var error: TransportError?
        /// What the call threw when it is not a `TransportError`.
        var otherError: String?
        /// When each call of the faulted route reached the server, oldest first.
        var received: [Date]
        /// How long the call took, from its start to its answer or error.
        var took: Duration
    }

    let server: RunningSandboxServer
    let transport: TransportDescriptor

    /// Plays `row` on a server of its own and returns what came of it; the server is stopped (its
    /// late answers sent) before the calls are counted.
    static func play(_ row: FaultRow) async throws -> Outcome {
        let server = try await SandboxServer.start(SandboxServer.Configuration(accounts: accounts))
        do {
            let run = FaultRun(server: server, transport: try await transport(row))
            let outcome = try await run.play(row)
            if row.fault == .timeout {
                // The server records a late call when its answer goes out, 3 s after it came;
                // on a loaded machine that may be after the client gave up: wait for the record.
                for _ in 0..<160 where await run.received(row, after: outcome).count < row.expected.calls {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            try await server.stop()
            return Outcome(
                error: outcome.error, otherError: outcome.otherError, received: await run.received(row, after: outcome),
                took: outcome.took)
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// The row's transport.
    private static func transport(_ row: FaultRow) async throws -> TransportDescriptor {
        switch row.transport {
        case .live: LiveTransport.descriptor(retryPolicy: retryPolicy, logger: Examples.logger)
        // A timeout row's plugin is stopped when the ledger gives up on it, failing every request
        // it has in flight: on a loaded machine that was other rows' too, so it gets its own.
        case .pysandbox: try await (row.fault == .timeout ? Examples.pysandbox() : pysandbox).descriptor()
        case .misbehaving: try await Examples.misbehaving(row.fault.misbehaviour ?? "none").descriptor()
        }
    }

    /// What a played call left before it is counted: the channel it set up and where the log stood.
    private struct Played {
        var error: TransportError?
        var otherError: String?
        var channelID: String?
        var logged: Int
        var took: Duration = .zero
    }

    private func play(_ row: FaultRow) async throws -> Played {
        let channelID = try await prepare(row)
        let logged = await server.requests().count
        if let fault = row.fault.serverFault {
            try await server.plan(fault, route: Self.route(of: row.operation, channelID: channelID), count: 10)
        }
        if row.fault == .refused { try await server.stop() }
        var played = Played(channelID: channelID, logged: logged)
        do {
            let start = ContinuousClock.now
            defer { played.took = ContinuousClock.now - start }
            try await call(row.operation, channelID: channelID, timeout: row.fault.requestTimeout)
        } catch let error as TransportError {
            played.error = error
        } catch {
            played.otherError = String(describing: error)
        }
        return played
    }

    /// When each call of the row's route reached the server since the set-up.
    private func received(_ row: FaultRow, after played: Played) async -> [Date] {
        guard let route = FaultPlan.Route(Self.route(of: row.operation, channelID: played.channelID)) else { return [] }
        return await server.requests().dropFirst(played.logged).filter {
            route.matches(method: $0.method, path: $0.path)
        }.map(\.time)
    }

    /// What the operation needs before its faulted call, unfaulted: a token for every operation but
    /// the authorizations (the faulted call then makes only its own request), and a channel for the
    /// update and the orders' channel. Returns the channel's id.
    private func prepare(_ row: FaultRow) async throws -> String? {
        switch row.operation {
        case .authorizeAccount, .authorizeConnectedApp:
            return nil
        case .fetchOrder:
            _ = try await transport.buyWithPrime.authorize(account())
            return nil
        case .findSalesChannel, .createSalesChannel:
            _ = try await transport.salesforce.authorize(org())
            return nil
        case .updateSalesChannel, .setOrdersChannel:
            _ = try await transport.salesforce.authorize(org())
            return try await transport.salesforce.createSalesChannel(Self.channel, in: org())
        }
    }

    /// The route an operation's fault is planned on: the request that does the operation's work.
    static func route(of operation: TransportOperation, channelID: String?) -> String {
        let sobjects = "/services/data/v\(SalesforceOrg.defaultAPIVersion)/sobjects/SalesChannel/"
        return switch operation {
        case .authorizeAccount: "POST /token"
        case .fetchOrder: "POST /graphql"
        case .authorizeConnectedApp: "POST /services/oauth2/token"
        case .findSalesChannel: "GET /services/data/v\(SalesforceOrg.defaultAPIVersion)/query"
        case .createSalesChannel: "POST \(sobjects)"
        case .updateSalesChannel: "PATCH \(sobjects)\(channelID ?? "")"
        case .setOrdersChannel: "POST /services/data/v\(SalesforceOrg.defaultAPIVersion)/composite"
        }
    }

    /// Calls `operation` once, each request allowed `timeout`.
    private func call(_ operation: TransportOperation, channelID: String?, timeout: Duration) async throws {
        switch operation {
        case .authorizeAccount:
            _ = try await transport.buyWithPrime.authorize(account(timeout: timeout))
        case .fetchOrder:
            _ = try await transport.buyWithPrime.order(id: Self.order?.id ?? "", as: account(timeout: timeout))
        case .authorizeConnectedApp:
            _ = try await transport.salesforce.authorize(org(timeout: timeout))
        case .findSalesChannel:
            _ = try await transport.salesforce.findSalesChannel(
                externalChannelNumber: Self.store.targetId, in: org(timeout: timeout))
        case .createSalesChannel:
            _ = try await transport.salesforce.createSalesChannel(Self.channel, in: org(timeout: timeout))
        case .updateSalesChannel:
            var renamed = Self.channel
            renamed.salesChannelName += " (renamed)"
            try await transport.salesforce.updateSalesChannel(id: channelID ?? "", renamed, in: org(timeout: timeout))
        case .setOrdersChannel:
            let update = OrderChannelUpdate(orderID: Self.order?.id ?? "", salesChannelID: channelID ?? "")
            _ = try await transport.salesforce.setOrdersChannel(
                [update], fields: Self.orderFields, in: org(timeout: timeout))
        }
    }

    /// The channel the Salesforce writes create and update.
    static let channel = SalesChannelFields(salesChannelName: store.name, externalChannelNumber: store.targetId)

    /// `store`'s credentials with this server as the endpoint.
    private func account(timeout: Duration = .seconds(20)) -> BuyWithPrimeCredentials {
        BuyWithPrimeCredentials(
            clientID: Self.store.clientId, clientSecret: Secret(Self.store.clientSecret), targetID: Self.store.targetId,
            endpoint: server.baseURL, requestTimeout: timeout)
    }

    /// The demo connected app with this server as its My Domain.
    private func org(timeout: Duration = .seconds(20)) -> SalesforceOrg {
        SalesforceOrg(
            consumerKey: Self.accounts.salesforce.consumerKey,
            consumerSecret: Secret(Self.accounts.salesforce.consumerSecret), myDomain: server.baseURL,
            requestTimeout: timeout)
    }
}
