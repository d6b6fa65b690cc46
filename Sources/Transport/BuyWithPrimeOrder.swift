/// A Buy with Prime order, as much of the GraphQL `order` query as the ledger reads.
///
/// Personal fields (the customer's name and email) travel in it from the service; the application
/// seals them before anything is recorded.
public struct BuyWithPrimeOrder: Sendable, Equatable, Codable {
    /// The Buy with Prime order id.
    public var id: String
    /// The order's aliases.
    public var aliases: [OrderAlias]
    /// Who bought it.
    public var customer: Customer?
    /// What was bought.
    public var lineItems: [LineItem]

    /// An order.
    public init(id: String, aliases: [OrderAlias] = [], customer: Customer? = nil, lineItems: [LineItem] = []) {
        self.id = id
        self.aliases = aliases
        self.customer = customer
        self.lineItems = lineItems
    }

    /// The buyer: Buy with Prime's customer id and contact.
    public struct Customer: Sendable, Equatable, Codable {
        /// Buy with Prime's id of the customer (`bwpCustomerId`).
        public var bwpCustomerId: String?
        /// The customer's name (personal data).
        public var name: String?
        /// The customer's email (personal data).
        public var email: String?

        /// A customer.
        public init(bwpCustomerId: String?, name: String? = nil, email: String? = nil) {
            self.bwpCustomerId = bwpCustomerId
            self.name = name
            self.email = email
        }
    }

    /// One line of the order.
    public struct LineItem: Sendable, Equatable, Codable {
        /// The line's id.
        public var id: String
        /// How many units.
        public var quantity: Int?
        /// The product's Amazon SKU (`product.amazonSku.value`).
        public var amazonSku: String?
        /// The merchant's own SKU (`product.externalId.value`).
        public var externalId: String?
        /// The unit price.
        public var price: Money?

        /// A line.
        public init(
            id: String, quantity: Int? = nil, amazonSku: String? = nil, externalId: String? = nil, price: Money? = nil
        ) {
            self.id = id
            self.quantity = quantity
            self.amazonSku = amazonSku
            self.externalId = externalId
            self.price = price
        }
    }

    /// An amount in a currency; the amount is kept as the service wrote it (no floating point).
    public struct Money: Sendable, Equatable, Codable {
        /// The amount as a decimal string, e.g. `"19.99"`.
        public var amount: String
        /// The ISO 4217 currency code, e.g. `USD`.
        public var currencyCode: String

        /// An amount.
        public init(amount: String, currencyCode: String) {
            self.amount = amount
            self.currencyCode = currencyCode
        }
    }
}
