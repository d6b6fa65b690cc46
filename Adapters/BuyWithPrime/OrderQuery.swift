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
    /// the query's part encoded once: only the variables are written per call, by hand (an encoder
    /// per call was a sixth of the adapter's own time per fetch).
    static func body(_ lookup: OrderLookup) -> Data {
        let text: String
        switch lookup {
        case .id(let id):
            text = #"{"orderIdentifier":{"orderId":"# + quoted(id) + "}}}"
        case .alias(let alias):
            text =
                #"{"orderIdentifier":{"alias":{"aliasId":"# + quoted(alias.aliasId) + #","aliasType":"#
                + quoted(alias.aliasType) + "}}}}"
        }
        return queryPrefix + Data(text.utf8)
    }

    /// `text` as a JSON string, escaped as `JSONEncoder` escapes it (`\"`, `\\`, `\/`, the short
    /// escapes and `\u00XX` for the other control characters), so the bytes are the encoder's.
    static func quoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "/": quoted += "\\/"
            case "\u{08}": quoted += "\\b"
            case "\u{0C}": quoted += "\\f"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
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
    public static func orderRequestBody(_ lookup: OrderLookup) -> Data {
        OrderQuery.body(lookup)
    }
}
