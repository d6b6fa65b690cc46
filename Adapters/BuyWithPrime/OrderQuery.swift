import Foundation
import Transport

/// The GraphQL `order` query: its text, its variables and the order as it selects it.
enum OrderQuery {
    /// The query; the selection set is the one Docs/transports.md lists.
    static let text = """
        query Order($orderIdentifier: OrderIdentifierInput!) {
          order(orderIdentifier: $orderIdentifier) {
            id
            aliases { aliasType aliasId }
            customer { bwpCustomerId contact { name email } }
            lineItems {
              id
              amount { unit value }
              product { amazonSku { value } externalId { value } price { amount currencyCode } }
            }
          }
        }
        """

    /// The request for `lookup`.
    static func request(_ lookup: OrderLookup) -> GraphQLRequest {
        GraphQLRequest(query: text, variables: Variables(orderIdentifier: Identifier(lookup)))
    }

    /// The request's JSON, the bytes `BuyWithPrimeHTTPTransport.body(of:)` writes (keys sorted), with
    /// the query's part encoded once: only the variables are encoded per call.
    static func body(_ lookup: OrderLookup) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return queryPrefix + (try encoder.encode(Variables(orderIdentifier: Identifier(lookup)))) + Data("}".utf8)
    }

    /// `{"query":"…","variables":` — `query` sorts before `variables`.
    private static let queryPrefix: Data = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let query = (try? encoder.encode(text)) ?? Data()
        return Data(#"{"query":"#.utf8) + query + Data(#","variables":"#.utf8)
    }()

    /// What a lookup asks for, for `notFound`: `order 322-…` or `order with EXTERNAL_ID alias SHOP-1`.
    static func describe(_ lookup: OrderLookup) -> String {
        switch lookup {
        case .id(let id): "order \(id)"
        case .alias(let alias): "order with \(alias.aliasType) alias \(alias.aliasId)"
        }
    }

    /// `{"orderIdentifier": …}`.
    struct Variables: Encodable, Sendable {
        var orderIdentifier: Identifier
    }

    /// `{"orderId": "…"}` or `{"alias": {"aliasType", "aliasId"}}`.
    struct Identifier: Encodable, Sendable {
        var orderId: String?
        var alias: OrderAlias?

        init(_ lookup: OrderLookup) {
            switch lookup {
            case .id(let id): orderId = id
            case .alias(let alias): self.alias = alias
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(orderId, forKey: .orderId)
            try container.encodeIfPresent(alias, forKey: .alias)
        }

        enum CodingKeys: String, CodingKey {
            case orderId
            case alias
        }
    }

    /// `{"order": {…} | null}`.
    struct ResponseData: Decodable {
        var order: BuyWithPrimeOrderWire?
    }
}

extension BuyWithPrimeHTTPTransport {
    /// The body `order(_:as:)` sends for `lookup`, byte for byte, so a benchmark's bare client can
    /// send the same request.
    public static func orderRequestBody(_ lookup: OrderLookup) throws -> Data {
        try OrderQuery.body(lookup)
    }
}
