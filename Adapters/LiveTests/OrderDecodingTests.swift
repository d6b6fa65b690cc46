import Foundation
import Testing
import Transport

@testable import BuyWithPrimeLive

@Suite("Buy with Prime: order decoding and the query")
struct OrderDecodingTests {
    /// The order as Docs/transports.md shows it on the wire.
    static let documentedJSON = """
        {"id": "322-ABC1-AAAAAA",
         "aliases": [{"aliasType": "EXTERNAL_ID", "aliasId": "SHOP-1001"}],
         "customer": {"bwpCustomerId": "cust-1", "contact": {"name": "Ada Lovelace", "email": "ada@example.com"}},
         "lineItems": [{"id": "line-1", "amount": {"unit": "ONE", "value": 2},
                        "product": {"amazonSku": {"value": "SKU-1"}, "externalId": {"value": "EXT-1"},
                                    "price": {"amount": "19.99", "currencyCode": "USD"}}}]}
        """

    /// ``documentedJSON`` as the port's order.
    static let documentedOrder = BuyWithPrimeOrder(
        id: "322-ABC1-AAAAAA",
        aliases: [OrderAlias(aliasType: "EXTERNAL_ID", aliasId: "SHOP-1001")],
        customer: .init(bwpCustomerId: "cust-1", name: "Ada Lovelace", email: "ada@example.com"),
        lineItems: [
            .init(
                id: "line-1", quantity: 2, amazonSku: "SKU-1", externalId: "EXT-1",
                price: .init(amount: "19.99", currencyCode: "USD"))
        ])

    @Test func theDocumentedOrderDecodes() throws {
        let data = Data(#"{"order": \#(Self.documentedJSON)}"#.utf8)
        let order = try #require(try JSONDecoder().decode(OrderQuery.ResponseData.self, from: data).order?.order)
        #expect(order == Self.documentedOrder)
    }

    @Test func missingOptionalPartsDecodeEmpty() throws {
        let data = Data(#"{"order": {"id": "322-X", "aliases": null, "customer": null, "lineItems": []}}"#.utf8)
        let order = try #require(try JSONDecoder().decode(OrderQuery.ResponseData.self, from: data).order?.order)
        #expect(order == BuyWithPrimeOrder(id: "322-X"))
    }

    @Test func nullNestedPartsDecodeAsAbsent() throws {
        let line =
            #"{"id": "l", "amount": null, "product": {"amazonSku": null, "externalId": {"value": null}, "price": null}}"#
        let json = #"{"id": "322-X", "customer": {"bwpCustomerId": "c", "contact": null}, "lineItems": [\#(line)]}"#
        let order = try JSONDecoder().decode(BuyWithPrimeOrderWire.self, from: Data(json.utf8)).order
        #expect(
            order == BuyWithPrimeOrder(id: "322-X", customer: .init(bwpCustomerId: "c"), lineItems: [.init(id: "l")]))
        let none = try JSONDecoder().decode(
            BuyWithPrimeOrderWire.self, from: Data(#"{"id": "322-Y", "lineItems": null}"#.utf8))
        #expect(none.order == BuyWithPrimeOrder(id: "322-Y"))
    }

    @Test func theLedgersOwnShapeReadsBack() throws {
        let encoded = try JSONEncoder().encode(Self.documentedOrder)
        #expect(try JSONDecoder().decode(BuyWithPrimeOrderWire.self, from: encoded).order == Self.documentedOrder)
        let wire = try JSONEncoder().encode(BuyWithPrimeOrderWire(Self.documentedOrder))
        #expect(try JSONDecoder().decode(BuyWithPrimeOrderWire.self, from: wire).order == Self.documentedOrder)
    }

    @Test func aLineWithoutItsIDIsRefused() {
        let data = Data(#"{"id": "322-X", "lineItems": [{"amount": {"value": 1}}]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(BuyWithPrimeOrderWire.self, from: data) }
    }

    @Test func aPriceAsANumberIsRefusedNotRounded() {
        let line = #"{"id": "l", "product": {"price": {"amount": 19.99, "currencyCode": "USD"}}}"#
        let data = Data(#"{"order": {"id": "322-X", "lineItems": [\#(line)]}}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OrderQuery.ResponseData.self, from: data) }
    }

    @Test func theVariablesNameTheIDOrTheAlias() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let byID = String(decoding: try encoder.encode(OrderQuery.request(.id("322-A")).variables), as: UTF8.self)
        #expect(byID == #"{"orderIdentifier":{"orderId":"322-A"}}"#)
        let alias = OrderLookup.alias(OrderAlias(aliasType: "EXTERNAL_ID", aliasId: "SHOP-1"))
        let byAlias = String(decoding: try encoder.encode(OrderQuery.request(alias).variables), as: UTF8.self)
        #expect(byAlias == #"{"orderIdentifier":{"alias":{"aliasId":"SHOP-1","aliasType":"EXTERNAL_ID"}}}"#)
    }

    @Test func theQuerySelectsEveryDocumentedField() {
        for field in [
            "id", "aliases { aliasType aliasId }", "bwpCustomerId", "contact { name email }", "amount { unit value }",
            "amazonSku { value }", "externalId { value }", "price { amount currencyCode }",
        ] {
            #expect(OrderQuery.text.contains(field))
        }
    }
}

@Suite("The order request's bytes")
struct OrderRequestBodyTests {
    @Test(
        "the body with its query encoded once is the body the encoder writes whole",
        arguments: [
            OrderLookup.id("322-K7QD-104522"), .alias(OrderAlias(aliasType: "EXTERNAL_ID", aliasId: "US-1001\"/\\")),
            .id("322-\u{0}\u{1}\u{8}\u{C}\n\r\t\u{1F}\u{7F}-é-🛒"),
            .alias(OrderAlias(aliasType: "TYPE\u{1B}/", aliasId: "\u{2028}\u{2029}<>&'")),
        ])
    func sameBytes(lookup: OrderLookup) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        struct Whole: Encodable {
            var query: String
            var variables: Variables
            struct Variables: Encodable { var orderIdentifier: Identifier }
            struct Identifier: Encodable {
                var orderId: String?
                var alias: OrderAlias?
            }
        }
        let identifier: Whole.Identifier =
            switch lookup {
            case .id(let id): .init(orderId: id)
            case .alias(let alias): .init(alias: alias)
            }
        let body = BuyWithPrimeHTTPTransport.orderRequestBody(lookup)
        let decoded = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        let query = try #require(decoded?["query"] as? String)
        let whole = try encoder.encode(Whole(query: query, variables: .init(orderIdentifier: identifier)))
        #expect(body == whole)
    }
}
