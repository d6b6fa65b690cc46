/// An order as Buy with Prime writes it (the GraphQL `order` selection, and the `data.order`
/// snapshot of an `ORDER_CONFIRMED` webhook), read into ``BuyWithPrimeOrder``.
///
/// The service's shape nests values: `customer.contact.name`, `lineItems[].amount.value` (the
/// quantity), `lineItems[].product.amazonSku.value`, `lineItems[].product.price`. The ledger's own
/// flat shape (``BuyWithPrimeOrder``'s `Codable` form: `customer.name`, `quantity`, `amazonSku`,
/// `price`) is read too, so a file the ledger printed reads back. A price's `amount` must be a
/// decimal string: a JSON number is refused rather than read through floating point.
public struct BuyWithPrimeOrderWire: Decodable, Sendable {
    /// The order.
    public var order: BuyWithPrimeOrder

    /// Reads either shape.
    public init(from decoder: any Decoder) throws {
        let wire = try Wire(from: decoder)
        order = BuyWithPrimeOrder(
            id: wire.id,
            aliases: wire.aliases ?? [],
            customer: wire.customer.map {
                .init(
                    bwpCustomerId: $0.bwpCustomerId, name: $0.contact?.name ?? $0.name,
                    email: $0.contact?.email ?? $0.email)
            },
            lineItems: (wire.lineItems ?? []).map { line in
                .init(
                    id: line.id, quantity: line.amount?.value ?? line.quantity,
                    amazonSku: line.product?.amazonSku?.value ?? line.amazonSku,
                    externalId: line.product?.externalId?.value ?? line.externalId,
                    price: (line.product?.price ?? line.price).map {
                        .init(amount: $0.amount.text, currencyCode: $0.currencyCode)
                    })
            })
    }

    private struct Wire: Decodable {
        var id: String
        var aliases: [OrderAlias]?
        var customer: Customer?
        var lineItems: [LineItem]?
    }

    private struct Customer: Decodable {
        var bwpCustomerId: String?
        var contact: Contact?
        var name: String?
        var email: String?
    }

    private struct Contact: Decodable {
        var name: String?
        var email: String?
    }

    private struct LineItem: Decodable {
        var id: String
        var amount: Amount?
        var quantity: Int?
        var product: Product?
        var amazonSku: String?
        var externalId: String?
        var price: Price?
    }

    private struct Amount: Decodable {
        var unit: String?
        var value: Int?
    }

    private struct Product: Decodable {
        var amazonSku: Value?
        var externalId: Value?
        var price: Price?
    }

    private struct Value: Decodable {
        var value: String?
    }

    private struct Price: Decodable {
        var amount: DecimalText
        var currencyCode: String
    }
}

/// A decimal amount as the service writes it: a JSON string, kept as is (never a floating-point number).
struct DecimalText: Decodable, Sendable {
    var text: String

    init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }
}
