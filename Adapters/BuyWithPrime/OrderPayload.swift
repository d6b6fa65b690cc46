import Transport

/// An order as the GraphQL query selects it, read into ``BuyWithPrimeOrder``.
///
/// `amount.value` is the quantity; `price.amount` stays a decimal string (a JSON number is
/// refused rather than read through floating point).
struct OrderPayload: Decodable, Sendable {
    /// The order.
    var order: BuyWithPrimeOrder

    init(from decoder: any Decoder) throws {
        let wire = try Wire(from: decoder)
        order = BuyWithPrimeOrder(
            id: wire.id,
            aliases: wire.aliases ?? [],
            customer: wire.customer.map {
                .init(bwpCustomerId: $0.bwpCustomerId, name: $0.contact?.name, email: $0.contact?.email)
            },
            lineItems: (wire.lineItems ?? []).map { line in
                .init(
                    id: line.id, quantity: line.amount?.value, amazonSku: line.product?.amazonSku?.value,
                    externalId: line.product?.externalId?.value,
                    price: line.product?.price.map { .init(amount: $0.amount.text, currencyCode: $0.currencyCode) })
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
    }

    private struct Contact: Decodable {
        var name: String?
        var email: String?
    }

    private struct LineItem: Decodable {
        var id: String
        var amount: Amount?
        var product: Product?
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
