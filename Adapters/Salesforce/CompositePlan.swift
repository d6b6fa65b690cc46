import Foundation
import LiveHTTP
import Transport

/// One batch's composite request and how its answer becomes one result per update, in order.
struct CompositePlan {
    /// An order the query found: its Salesforce id and the `SalesChannel` it references now, if any.
    struct FoundOrder: Equatable {
        var salesforceID: String
        var salesChannelID: String? = nil
    }

    /// The request: a PATCH by id for each update whose order was found and does not reference its
    /// channel yet, `order{index}` its reference.
    let request: CompositeRequest
    private let batch: [OrderChannelUpdate]
    private let found: [String: FoundOrder]

    init(_ batch: [OrderChannelUpdate], found: [String: FoundOrder], channelField: String, apiVersion: String) {
        self.batch = batch
        self.found = found
        let subrequests = batch.enumerated().compactMap { index, update -> CompositeRequest.Subrequest? in
            guard let order = found[update.orderID], order.salesChannelID != update.salesChannelID else { return nil }
            let id = order.salesforceID
            return .init(
                method: "PATCH",
                url: "/services/data/v\(apiVersion)/sobjects/Order/\(ServiceEndpoint.percentEncoded(id))",
                referenceId: Self.reference(index), body: [channelField: update.salesChannelID])
        }
        request = CompositeRequest(allOrNone: false, compositeRequest: subrequests)
    }

    static func reference(_ index: Int) -> String { "order\(index)" }

    /// One result per update: `notFound` for an order not found, `updated` for one that references
    /// its channel already, else from its subresponse.
    func results(from responses: [CompositeResponse.Subresponse]) -> [OrderChannelResult] {
        let byReference = Dictionary(responses.map { ($0.referenceId, $0) }, uniquingKeysWith: { first, _ in first })
        return batch.enumerated().map { index, update in
            guard let order = found[update.orderID] else { return .notFound(orderID: update.orderID) }
            let id = order.salesforceID
            if order.salesChannelID == update.salesChannelID {
                return .updated(orderID: update.orderID, salesforceID: id)
            }
            guard let response = byReference[Self.reference(index)] else {
                return .failed(
                    orderID: update.orderID, code: "NO_RESULT", message: "the composite answer has no result for it")
            }
            if (200...299).contains(response.httpStatusCode) {
                return .updated(orderID: update.orderID, salesforceID: id)
            }
            let entry = response.errors.first
            return .failed(
                orderID: update.orderID, code: entry?.errorCode ?? "HTTP \(response.httpStatusCode)",
                message: entry?.message ?? "no message")
        }
    }
}

/// `{"allOrNone": false, "compositeRequest": [{"method", "url", "referenceId", "body"}]}`.
struct CompositeRequest: Encodable {
    struct Subrequest: Encodable {
        var method: String
        var url: String
        var referenceId: String
        var body: [String: String]
    }

    var allOrNone: Bool
    var compositeRequest: [Subrequest]

    /// The request's JSON, its keys sorted: the bytes `JSONEncoder` writes with `.sortedKeys`
    /// and `.withoutEscapingSlashes`, written directly (a test holds the two equal).
    func json() -> Data {
        var text = JSONText(capacity: 160 * compositeRequest.count + 40)
        text.raw(allOrNone ? #"{"allOrNone":true,"compositeRequest":["# : #"{"allOrNone":false,"compositeRequest":["#)
        for (index, subrequest) in compositeRequest.enumerated() {
            if index > 0 { text.raw(",") }
            text.raw(#"{"body":"#)
            text.object(subrequest.body)
            text.raw(#","method":"#)
            text.string(subrequest.method)
            text.raw(#","referenceId":"#)
            text.string(subrequest.referenceId)
            text.raw(#","url":"#)
            text.string(subrequest.url)
            text.raw("}")
        }
        text.raw("]}")
        return Data(text.bytes)
    }
}

/// `{"compositeResponse": [{"body", "httpHeaders", "httpStatusCode", "referenceId"}]}`.
struct CompositeResponse: Decodable {
    struct Subresponse: Decodable {
        var httpStatusCode: Int
        var referenceId: String
        /// A failed subrequest's error array; empty for a success (`body` null).
        var errors: [SalesforceErrorEntry]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            httpStatusCode = try container.decode(Int.self, forKey: .httpStatusCode)
            referenceId = try container.decode(String.self, forKey: .referenceId)
            errors = (try? container.decodeIfPresent([SalesforceErrorEntry].self, forKey: .body)) ?? []
        }

        enum CodingKeys: String, CodingKey {
            case httpStatusCode
            case referenceId
            case body
        }
    }

    var compositeResponse: [Subresponse]
}
