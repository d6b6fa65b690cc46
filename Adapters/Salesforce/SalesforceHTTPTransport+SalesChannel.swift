import Foundation
import LiveHTTP
import Transport

extension SalesforceHTTPTransport {
    /// `GET …/query` for the `SalesChannel` whose `ExternalChannelNumber` is the target ID.
    public func findSalesChannel(externalChannelNumber: String, in org: SalesforceOrg) async throws
        -> SalesChannelRecord?
    {
        let (answer, call) = try await rest(
            .get, "/query", query: [("q", SOQL.salesChannel(externalChannelNumber: externalChannelNumber))], in: org,
            operation: .findSalesChannel)
        guard answer.status == 200 else { throw Self.failure(answer, of: call) }
        let result = try answer.decode(QueryResult<SalesChannelRow>.self, of: call)
        // SOQL's `=` on text ignores case: only a record with exactly this number is this channel's.
        return result.records.first { $0.externalChannelNumber == externalChannelNumber }.map {
            SalesChannelRecord(
                id: $0.id,
                fields: SalesChannelFields(
                    salesChannelName: $0.salesChannelName ?? "", type: $0.type ?? "",
                    externalChannelNumber: $0.externalChannelNumber ?? ""))
        }
    }

    /// `POST …/sobjects/SalesChannel/`; returns the new record's id. Not retried but after a 429.
    public func createSalesChannel(_ fields: SalesChannelFields, in org: SalesforceOrg) async throws -> String {
        let (answer, call) = try await rest(
            .post, "/sobjects/SalesChannel/", body: Self.json(SalesChannelBody(fields)), in: org,
            operation: .createSalesChannel, isIdempotent: false)
        guard answer.status == 201 || answer.status == 200 else { throw Self.failure(answer, of: call) }
        let created = try answer.decode(CreateResult.self, of: call)
        guard created.success != false, let id = created.id, !id.isEmpty else {
            let entry = created.errors?.first
            throw answer.rejection(
                of: call, code: entry?.errorCode ?? "CREATE_FAILED", message: entry?.message ?? "no id in the answer")
        }
        return id
    }

    /// `PATCH …/sobjects/SalesChannel/{id}`; `notFound` when the org has no such record.
    public func updateSalesChannel(id: String, _ fields: SalesChannelFields, in org: SalesforceOrg) async throws {
        let (answer, call) = try await rest(
            .patch, "/sobjects/SalesChannel/\(ServiceEndpoint.percentEncoded(id))",
            body: Self.json(SalesChannelBody(fields)), in: org, operation: .updateSalesChannel)
        guard (200...299).contains(answer.status) else {
            throw Self.failure(answer, of: call, notFound: "SalesChannel \(id)")
        }
        // Salesforce answers an applied update with 204 and no body. A 2xx with a body that is not
        // JSON (a proxy's page) says nothing about the record: not an update to record as done.
        let blank = answer.body.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard blank || (try? JSONSerialization.jsonObject(with: answer.body, options: .fragmentsAllowed)) != nil else {
            throw TransportError.malformedAnswer(
                service: .salesforce, reason: "\(answer.facts(of: call)): a body that is not JSON")
        }
    }
}

/// A query's answer: `{"totalSize", "done", "records"}`.
struct QueryResult<Record: Decodable>: Decodable {
    var records: [Record]
}

/// A `SalesChannel` row of a query.
struct SalesChannelRow: Decodable {
    var id: String
    var salesChannelName: String?
    var type: String?
    var externalChannelNumber: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case salesChannelName = "SalesChannelName"
        case type = "Type"
        case externalChannelNumber = "ExternalChannelNumber"
    }
}

/// The body of a create or update: `{"SalesChannelName", "Type", "ExternalChannelNumber"}`.
struct SalesChannelBody: Encodable {
    var salesChannelName: String
    var type: String
    var externalChannelNumber: String

    init(_ fields: SalesChannelFields) {
        salesChannelName = fields.salesChannelName
        type = fields.type
        externalChannelNumber = fields.externalChannelNumber
    }

    enum CodingKeys: String, CodingKey {
        case salesChannelName = "SalesChannelName"
        case type = "Type"
        case externalChannelNumber = "ExternalChannelNumber"
    }
}

/// A create's answer: `{"id", "success", "errors"}`.
struct CreateResult: Decodable {
    var id: String?
    var success: Bool?
    var errors: [SalesforceErrorEntry]?
}
