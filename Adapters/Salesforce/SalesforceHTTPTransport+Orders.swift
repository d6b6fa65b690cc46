import Foundation
import LiveHTTP
import Transport

extension SalesforceHTTPTransport {
    /// For each batch of at most 25: one query for the orders' Salesforce ids (and the channel each
    /// references now) by the external-id field, then one composite of PATCH by id
    /// (`allOrNone: false`) for the orders found that do not reference their channel yet. An order
    /// the query did not return is `notFound` and never written; one that already references its
    /// channel (a pass that died between the write and its record wrote it) is `updated` without a
    /// write, and a batch of only such orders makes no composite request.
    public func setOrdersChannel(_ updates: [OrderChannelUpdate], fields: OrderChannelFields, in org: SalesforceOrg)
        async throws -> [OrderChannelResult]
    {
        try SOQL.checkFieldName(fields.externalIDField)
        try SOQL.checkFieldName(fields.channelField)
        // Field names are case-insensitive: writing the channel into the order's id or its external
        // id would lose the order.
        let channel = fields.channelField.lowercased()
        guard channel != fields.externalIDField.lowercased(), channel != "id" else {
            throw TransportError.rejected(
                service: .salesforce, code: "INVALID_FIELD",
                message: "the channel field '\(fields.channelField)' would overwrite the order's id or external id")
        }
        var results: [OrderChannelResult] = []
        for batch in CompositeBatch.split(updates) {
            results += try await setChannel(of: batch, fields: fields, in: org)
        }
        return results
    }

    private func setChannel(of batch: [OrderChannelUpdate], fields: OrderChannelFields, in org: SalesforceOrg)
        async throws -> [OrderChannelResult]
    {
        let found = try await orders(
            batch.map(\.orderID), by: fields.externalIDField, reading: fields.channelField, in: org)
        let plan = CompositePlan(batch, found: found, channelField: fields.channelField, apiVersion: org.apiVersion)
        guard !plan.request.compositeRequest.isEmpty else { return plan.results(from: []) }
        let (answer, call) = try await rest(
            .post, "/composite", body: plan.request.json(), in: org, operation: .setOrdersChannel)
        guard answer.status == 200 else { throw Self.failure(answer, of: call) }
        return plan.results(from: try answer.decode(CompositeResponse.self, of: call).compositeResponse)
    }

    /// Each order found, by its external id: its Salesforce id and the channel it references now.
    private func orders(_ orderIDs: [String], by field: String, reading channelField: String, in org: SalesforceOrg)
        async throws -> [String: CompositePlan.FoundOrder]
    {
        var unique: [String] = []
        for id in orderIDs where !unique.contains(id) { unique.append(id) }
        let (answer, call) = try await rest(
            .get, "/query", query: [("q", SOQL.orders(unique, by: field, reading: channelField))], in: org,
            operation: .setOrdersChannel)
        guard answer.status == 200 else { throw Self.failure(answer, of: call) }
        var found: [String: CompositePlan.FoundOrder] = [:]
        let (wanted, channel) = (field.lowercased(), channelField.lowercased())
        for record in try answer.decode(QueryResult<QueryRow>.self, of: call).records {
            guard let id = record.text["id"], let orderID = record.text[wanted], found[orderID] == nil else { continue }
            found[orderID] = .init(salesforceID: id, salesChannelID: record.text[channel])
        }
        return found
    }
}
