/// An order as Buy with Prime writes it (the GraphQL `order` selection, and the `data.order`
/// snapshot of an `ORDER_CONFIRMED` webhook), read into ``BuyWithPrimeOrder``.
///
/// The service's shape nests values: `customer.contact.name`, `lineItems[].amount.value` (the
/// quantity), `lineItems[].product.amazonSku.value`, `lineItems[].product.price`. The ledger's own
/// flat shape (``BuyWithPrimeOrder``'s `Codable` form: `customer.name`, `quantity`, `amazonSku`,
/// `price`) is read too, so a file the ledger printed reads back. A price's `amount` must be a
/// decimal string: a JSON number is refused rather than read through floating point.
///
/// Encoding writes the service's shape, as a webhook's `data.order` carries it.
public struct BuyWithPrimeOrderWire: Codable, Sendable {
    /// The order.
    public var order: BuyWithPrimeOrder

    /// The wire form of an order.
    public init(_ order: BuyWithPrimeOrder) {
        self.order = order
    }

    /// Writes the service's nested shape; absent values are left out.
    public func encode(to encoder: any Encoder) throws {
        try Wire(
            id: order.id, aliases: order.aliases,
            customer: order.customer.map {
                Customer(bwpCustomerId: $0.bwpCustomerId, contact: Contact(name: $0.name, email: $0.email))
            },
            lineItems: order.lineItems.map { line in
                LineItem(
                    id: line.id, amount: line.quantity.map { Amount(unit: "ONE", value: $0) },
                    product: Product(
                        amazonSku: line.amazonSku.map { Value(value: $0) },
                        externalId: line.externalId.map { Value(value: $0) },
                        price: line.price.map {
                            Price(amount: DecimalText(text: $0.amount), currencyCode: $0.currencyCode)
                        }
                    ))
            }
        ).encode(to: encoder)
    }

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

    private struct Wire: Codable {
        var id: String
        var aliases: [OrderAlias]?
        var customer: Customer?
        var lineItems: [LineItem]?
    }

    private struct Customer: Codable {
        var bwpCustomerId: String?
        var contact: Contact?
        var name: String?
        var email: String?
    }

    private struct Contact: Codable {
        var name: String?
        var email: String?
    }

    private struct LineItem: Codable {
        var id: String
        var amount: Amount?
        var quantity: Int?
        var product: Product?
        var amazonSku: String?
        var externalId: String?
        var price: Price?
    }

    private struct Amount: Codable {
        var unit: String?
        var value: Int?
    }

    private struct Product: Codable {
        var amazonSku: Value?
        var externalId: Value?
        var price: Price?
    }

    private struct Value: Codable {
        var value: String?
    }

    private struct Price: Codable {
        var amount: DecimalText
        var currencyCode: String
    }
}

/// A decimal amount as the service writes it: a JSON string, kept as is (never a floating-point number).
struct DecimalText: Codable, Sendable {
    var text: String

    init(text: String) {
        self.text = text
    }

    init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
