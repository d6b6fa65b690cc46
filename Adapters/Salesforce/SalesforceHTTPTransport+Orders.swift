import Foundation
import LiveHTTP
import Transport

extension SalesforceHTTPTransport {
    /// For each batch of at most 25: one query for the orders' Salesforce ids by the external-id
    /// field, then one composite of PATCH by id (`allOrNone: false`) for the orders found. An
    /// order the query did not return is `notFound` and never written.
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
        let ids = try await salesforceIDs(of: batch.map(\.orderID), by: fields.externalIDField, in: org)
        let plan = CompositePlan(
            batch, salesforceIDs: ids, channelField: fields.channelField, apiVersion: org.apiVersion)
        guard !plan.request.compositeRequest.isEmpty else { return plan.results(from: []) }
        let (answer, call) = try await rest(
            .post, "/composite", body: Self.json(plan.request), in: org, operation: .setOrdersChannel)
        guard answer.status == 200 else { throw Self.failure(answer, of: call) }
        return plan.results(from: try answer.decode(CompositeResponse.self, of: call).compositeResponse)
    }

    /// The Salesforce id of each order found, by its external id.
    private func salesforceIDs(of orderIDs: [String], by field: String, in org: SalesforceOrg) async throws
        -> [String: String]
    {
        var unique: [String] = []
        for id in orderIDs where !unique.contains(id) { unique.append(id) }
        let (answer, call) = try await rest(
            .get, "/query", query: [("q", SOQL.orders(unique, by: field))], in: org, operation: .setOrdersChannel)
        guard answer.status == 200 else { throw Self.failure(answer, of: call) }
        var ids: [String: String] = [:]
        let wanted = field.lowercased()
        for record in try answer.decode(QueryResult<[String: FieldValue]>.self, of: call).records {
            // Salesforce answers with each field's own spelling, whatever case the query used.
            let orderID = record.first { $0.key.lowercased() == wanted }?.value
            if case .text(let id)? = record["Id"], case .text(let orderID)? = orderID, ids[orderID] == nil {
                ids[orderID] = id
            }
        }
        return ids
    }
}

/// A field of a query row: text, or anything else (null, `attributes`), which is not read.
enum FieldValue: Decodable {
    case text(String)
    case other

    init(from decoder: any Decoder) throws {
        self = (try? decoder.singleValueContainer().decode(String.self)).map(FieldValue.text) ?? .other
    }
}
