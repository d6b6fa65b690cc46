/// The compiled-in list of data mappings a channel needs, versioned so old channels keep theirs.
public struct MappingCatalog: Sendable {
    /// The catalog version recorded in `ChannelCreated`.
    public let version: Int
    /// Every mapping, in display order.
    public let mappings: [MappingDefinition]

    /// Creates a catalog.
    public init(version: Int, mappings: [MappingDefinition]) {
        self.version = version
        self.mappings = mappings
    }

    /// The catalog with a given version, or nil when this build does not know it.
    public static func version(_ v: Int) -> MappingCatalog? {
        all.first { $0.version == v }
    }

    /// Every catalog this build knows, oldest first.
    public static let all: [MappingCatalog] = [v1]

    /// The catalog new channels use.
    public static let current = v1

    /// The definition of a mapping by name, or nil.
    public func definition(_ name: String) -> MappingDefinition? {
        mappings.first { $0.name == name }
    }

    /// The mapping names, in order.
    public var names: [String] { mappings.map(\.name) }

    /// Version 1: orders, fulfillments, returns, refunds, customers and products.
    public static let v1 = MappingCatalog(
        version: 1,
        mappings: [
            .init(
                "order", "Order",
                [
                    ("Amazon_bwp_oms__amazonBwpOrderID__c", "$.id"),
                    ("EffectiveDate", "$.metadata.createdAt"),
                    ("Status", "'Draft'"),
                ]),
            .init(
                "order-line", "OrderItem",
                [
                    ("Amazon_bwp_oms__amazonBwpOrderLineID__c", "$.lineItems[].id"),
                    ("Quantity", "$.lineItems[].amount.value"),
                    ("UnitPrice", "$.lineItems[].product.price.amount"),
                ]),
            .init(
                "fulfillment", "FulfillmentOrder",
                [
                    ("Amazon_bwp_oms__amazonBwpOrderID__c", "$.id"),
                    ("Status", "'Allocated'"),
                ]),
            .init(
                "fulfillment-line", "FulfillmentOrderLineItem",
                [
                    ("Amazon_bwp_oms__amazonBwpOrderLineID__c", "$.lineItems[].id"),
                    ("Quantity", "$.lineItems[].amount.value"),
                ]),
            .init(
                "return", "ReturnOrder",
                [
                    ("Amazon_bwp_oms__amazonBwpOrderID__c", "$.returns.details[].id"),
                    ("Status", "'Submitted'"),
                ]),
            .init(
                "return-line", "ReturnOrderLineItem",
                [
                    ("Amazon_bwp_oms__amazonBwpOrderLineID__c", "$.returns.details[].returnLineItems[].id")
                ]),
            .init(
                "refund", "CreditMemo",
                [
                    ("TotalAmount", "$.refunds.details[].amount.amount")
                ]),
            .init(
                "customer", "Account",
                [
                    ("Name", "$.customer.contact.name")
                ]),
            .init(
                "product", "Product2",
                [
                    ("StockKeepingUnit", "$.lineItems[].product.externalId.value"),
                    ("Name", "$.lineItems[].product.title"),
                ]),
        ])
}

/// One Buy with Prime object mapped to a Salesforce object, with the fields that need a value.
public struct MappingDefinition: Sendable {
    /// The mapping's name, for example `order-line`.
    public let name: String
    /// The default Salesforce object, for example `OrderItem`.
    public let object: String
    /// The Salesforce fields that must be assigned before the mapping can be activated.
    public let requiredFields: [RequiredField]

    /// Creates a definition.
    public init(name: String, object: String, requiredFields: [RequiredField]) {
        self.name = name
        self.object = object
        self.requiredFields = requiredFields
    }

    /// Builds a compiled-in definition; the sources are constants known to parse.
    fileprivate init(_ name: String, _ object: String, _ fields: [(String, String)]) {
        self.init(
            name: name,
            object: object,
            requiredFields: fields.map { field, source in
                // A catalog constant that does not parse is a programming error caught by the tests.
                RequiredField(
                    field: field,
                    defaultSource: (try? MappingSource(parsing: source)) ?? MappingSource(unchecked: source))
            }
        )
    }

    /// The default source of every required field, keyed by field.
    public var defaultFields: [String: MappingSource] {
        Dictionary(requiredFields.map { ($0.field, $0.defaultSource) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A Salesforce field a mapping requires, with the source it gets by default.
public struct RequiredField: Sendable {
    /// The Salesforce field's API name.
    public let field: String
    /// The source assigned when a channel is created.
    public let defaultSource: MappingSource

    /// Creates a required field.
    public init(field: String, defaultSource: MappingSource) {
        self.field = field
        self.defaultSource = defaultSource
    }
}
