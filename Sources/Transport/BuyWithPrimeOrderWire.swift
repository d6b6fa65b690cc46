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

    /// Reads either shape. Where a value has both (never in what the service or the ledger
    /// writes), the service's nested one wins and the flat one is not read.
    ///
    /// It walks nested containers rather than decoding a type per JSON object: each nested type
    /// costs `JSONDecoder` a generic unwrap and its type checks, and this decode is most of what the
    /// live adapter spends on an order fetch (a fifth less this way, by a profile of `make bench`).
    public init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: Key.self)
        var lineItems: [BuyWithPrimeOrder.LineItem] = []
        if var lines = try Self.array(root, .lineItems) {
            while !lines.isAtEnd {
                let line = try lines.nestedContainer(keyedBy: Key.self)
                let product = try Self.object(line, .product)
                lineItems.append(
                    .init(
                        id: try line.decode(String.self, forKey: .id),
                        quantity: try Self.object(line, .amount)?.decodeIfPresent(Int.self, forKey: .value)
                            ?? line.decodeIfPresent(Int.self, forKey: .quantity),
                        amazonSku: try Self.value(product, .amazonSku)
                            ?? line.decodeIfPresent(String.self, forKey: .amazonSku),
                        externalId: try Self.value(product, .externalId)
                            ?? line.decodeIfPresent(String.self, forKey: .externalId),
                        price: try Self.price(product) ?? Self.price(line)))
            }
        }
        let customer = try Self.object(root, .customer).map { customer in
            let contact = try Self.object(customer, .contact)
            return BuyWithPrimeOrder.Customer(
                bwpCustomerId: try customer.decodeIfPresent(String.self, forKey: .bwpCustomerId),
                name: try contact?.decodeIfPresent(String.self, forKey: .name)
                    ?? customer.decodeIfPresent(String.self, forKey: .name),
                email: try contact?.decodeIfPresent(String.self, forKey: .email)
                    ?? customer.decodeIfPresent(String.self, forKey: .email))
        }
        order = BuyWithPrimeOrder(
            id: try root.decode(String.self, forKey: .id),
            aliases: try root.decodeIfPresent([OrderAlias].self, forKey: .aliases) ?? [],
            customer: customer, lineItems: lineItems)
    }

    /// Every member name of either shape.
    private enum Key: String, CodingKey {
        case id, aliases, customer, bwpCustomerId, contact, name, email, lineItems, amount, quantity, value
        case product, amazonSku, externalId, price, currencyCode
    }

    /// The object at `key`, or nil when it is absent or null.
    private static func object(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws
        -> KeyedDecodingContainer<Key>?
    {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        return try container.nestedContainer(keyedBy: Key.self, forKey: key)
    }

    /// The array at `key`, or nil when it is absent or null.
    private static func array(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws
        -> (any UnkeyedDecodingContainer)?
    {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        return try container.nestedUnkeyedContainer(forKey: key)
    }

    /// `{"value": "…"}` at `key` of `container` (a product's `amazonSku` or `externalId`).
    private static func value(_ container: KeyedDecodingContainer<Key>?, _ key: Key) throws -> String? {
        guard let container else { return nil }
        return try object(container, key)?.decodeIfPresent(String.self, forKey: .value)
    }

    /// `{"amount": "12.50", "currencyCode": "USD"}` at `price` of `container`; the amount a string.
    private static func price(_ container: KeyedDecodingContainer<Key>?) throws -> BuyWithPrimeOrder.Money? {
        guard let container, let price = try object(container, .price) else { return nil }
        return .init(
            amount: try price.decode(DecimalText.self, forKey: .amount).text,
            currencyCode: try price.decode(String.self, forKey: .currencyCode))
    }

    /// The service's shape, for encoding.
    private struct Wire: Encodable {
        var id: String
        var aliases: [OrderAlias]?
        var customer: Customer?
        var lineItems: [LineItem]?
    }

    private struct Customer: Encodable {
        var bwpCustomerId: String?
        var contact: Contact?
    }

    private struct Contact: Encodable {
        var name: String?
        var email: String?
    }

    private struct LineItem: Encodable {
        var id: String
        var amount: Amount?
        var product: Product?
    }

    private struct Amount: Encodable {
        var unit: String?
        var value: Int?
    }

    private struct Product: Encodable {
        var amazonSku: Value?
        var externalId: Value?
        var price: Price?
    }

    private struct Value: Encodable {
        var value: String?
    }

    private struct Price: Encodable {
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
