import Transport

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
            budget: org.requestTimeout, as: PluginResults.Empty.self)
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
        // One result per update, in order, each a status this build knows: anything else is an
        // answer the ledger cannot act on.
        let results = zip(updates, answer.results).map { update, entry -> OrderChannelResult? in
            guard entry.orderId == update.orderID else { return nil }
            switch (entry.status, entry.salesforceId) {
            case ("updated", let id?): return .updated(orderID: entry.orderId, salesforceID: id)
            case ("notFound", _): return .notFound(orderID: entry.orderId)
            case ("failed", _):
                return .failed(orderID: entry.orderId, code: entry.code ?? "failed", message: entry.message ?? "")
            default: return nil
            }
        }
        guard answer.results.count == updates.count, !results.contains(where: { $0 == nil }) else {
            throw TransportError.malformedAnswer(
                service: .salesforce,
                reason:
                    "plugin \(plugin.name) answered salesforce.set-orders-channel with results that do not match its \(updates.count) updates"
            )
        }
        return results.compactMap { $0 }
    }
}
