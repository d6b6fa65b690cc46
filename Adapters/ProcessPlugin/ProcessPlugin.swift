import Foundation
import Logging
import Transport

/// A transport that is an external process speaking the protocol of Docs/transport-protocol.md:
/// the executable `channel-ledger-transport-NAME` is the transport `NAME`.
public struct ProcessPlugin: Sendable {
    let connection: PluginConnection

    /// A plugin at `path`, started (with `environment`) on the first call that needs it; its
    /// stderr goes to `logger` at debug.
    public init(
        name: String, path: String, environment: [String: String], logger: Logger,
        patience: PluginProtocol.Patience = .standard
    ) {
        connection = PluginConnection(
            name: name, path: path, environment: environment, logger: logger, patience: patience)
    }

    /// The transport's name.
    public var name: String { connection.name }
    /// The executable.
    public var path: String { connection.path }

    /// The plugin described by its handshake: its ports, the operations it supports, its default
    /// endpoint. Starts it if it does not run; throws ``PluginFailure`` when it cannot.
    public func descriptor() async throws -> TransportDescriptor {
        let handshake = try await connection.handshake()
        let summary = handshake.summary.map { ": \($0)" } ?? ""
        return TransportDescriptor(
            name: name, summary: "\(handshake.name) \(handshake.version)\(summary)",
            buyWithPrime: PluginBuyWithPrime(plugin: self), salesforce: PluginSalesforce(plugin: self),
            capabilities: handshake.capabilities, defaultBuyWithPrimeEndpoint: handshake.defaultBuyWithPrimeEndpoint)
    }

    /// Calls one operation: refused as unsupported without reaching the plugin when its handshake
    /// did not claim it; a plugin that fails is `unavailable`; an answer that does not read is
    /// `malformedAnswer`; an error the plugin reports is the transport error of its kind.
    func call<Answer: Decodable>(
        _ operation: TransportOperation, _ params: some Encodable, budget: Duration, as: Answer.Type = Answer.self
    ) async throws -> Answer {
        let service = operation.service
        do {
            guard try await connection.handshake().capabilities.contains(operation) else {
                throw TransportError.unsupported(service: service, operation: operation.rawValue)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let outcome = try await connection.call(
                operation.rawValue, params: try encoder.encode(params), budget: budget)
            switch outcome {
            case .failure(let error):
                throw error.transportError(service, plugin: name, operation: operation.rawValue)
            case .success(let data):
                do {
                    return try JSONDecoder().decode(Answer.self, from: data)
                } catch {
                    throw TransportError.malformedAnswer(
                        service: service,
                        reason: "plugin \(name) answered \(operation.rawValue) with an unreadable result")
                }
            }
        } catch let failure as PluginFailure {
            throw TransportError.unavailable(service: service, reason: failure.description)
        }
    }
}

/// The Buy with Prime port of a plugin.
struct PluginBuyWithPrime: BuyWithPrimeTransport {
    let plugin: ProcessPlugin

    func authorize(_ account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeAuthorization {
        let answer = try await plugin.call(
            .authorizeAccount, PluginRequests.Account(account), budget: account.requestTimeout,
            as: PluginResults.AccountAuthorized.self)
        // The token stays in the plugin, which makes the calls that need it.
        return BuyWithPrimeAuthorization(
            accessToken: Secret(""), expiresIn: answer.expiresIn, targetID: answer.targetId)
    }

    func order(_ lookup: OrderLookup, as account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeOrder {
        try await plugin.call(
            .fetchOrder, PluginRequests.Account(account, lookup: lookup), budget: account.requestTimeout,
            as: PluginResults.Order.self
        ).order.order
    }
}

/// The Salesforce port of a plugin.
struct PluginSalesforce: SalesforceTransport {
    let plugin: ProcessPlugin

    func authorize(_ org: SalesforceOrg) async throws -> SalesforceAuthorization {
        let answer = try await plugin.call(
            .authorizeConnectedApp, PluginRequests.Salesforce(org, PluginRequests.Nothing()),
            budget: org.requestTimeout, as: PluginResults.OrgAuthorized.self)
        return SalesforceAuthorization(
            accessToken: Secret(""), instanceURL: answer.instanceUrl, issuedAt: answer.issuedAt)
    }

    func findSalesChannel(externalChannelNumber: String, in org: SalesforceOrg) async throws -> SalesChannelRecord? {
        let answer = try await plugin.call(
            .findSalesChannel,
            PluginRequests.Salesforce(
                org, PluginRequests.ExternalChannelNumber(externalChannelNumber: externalChannelNumber)),
            budget: org.requestTimeout, as: PluginResults.Record.self)
        return answer.record.map {
            SalesChannelRecord(
                id: $0.id,
                fields: SalesChannelFields(
                    salesChannelName: $0.salesChannelName, type: $0.type,
                    externalChannelNumber: $0.externalChannelNumber))
        }
    }

    func createSalesChannel(_ fields: SalesChannelFields, in org: SalesforceOrg) async throws -> String {
        try await plugin.call(
            .createSalesChannel, PluginRequests.Salesforce(org, PluginRequests.Create(fields: .init(fields))),
            budget: org.requestTimeout, as: PluginResults.Created.self
        ).id
    }

    func updateSalesChannel(id: String, _ fields: SalesChannelFields, in org: SalesforceOrg) async throws {
        _ = try await plugin.call(
            .updateSalesChannel, PluginRequests.Salesforce(org, PluginRequests.Update(id: id, fields: .init(fields))),
            budget: org.requestTimeout, as: PluginRequests.Nothing.self)
    }

    func setOrdersChannel(_ updates: [OrderChannelUpdate], fields: OrderChannelFields, in org: SalesforceOrg)
        async throws -> [OrderChannelResult]
    {
        let request = PluginRequests.SetOrdersChannel(
            fields: .init(externalIdField: fields.externalIDField, channelField: fields.channelField),
            updates: updates.map { .init(orderId: $0.orderID, salesChannelId: $0.salesChannelID) })
        let answer = try await plugin.call(
            .setOrdersChannel, PluginRequests.Salesforce(org, request), budget: org.requestTimeout,
            as: PluginResults.OrderResults.self)
        guard answer.results.count == updates.count else {
            throw TransportError.malformedAnswer(
                service: .salesforce,
                reason: "plugin \(plugin.name) answered \(answer.results.count) results for \(updates.count) orders")
        }
        return answer.results.map { entry in
            switch (entry.status, entry.salesforceId) {
            case ("updated", let id?): .updated(orderID: entry.orderId, salesforceID: id)
            case ("notFound", _): .notFound(orderID: entry.orderId)
            default: .failed(orderID: entry.orderId, code: entry.code ?? entry.status, message: entry.message ?? "")
            }
        }
    }
}
