/// The sandbox org's records: the `SalesChannel`s created through the API and the `Order`s that
/// exist (the managed package's work, seeded or added through `POST /_sandbox/orders`).
///
/// A value: every operation is a pure change that returns what the REST API answers. The external-id
/// field and the channel field are whatever a query or a body names: an `Order` is found by any field
/// other than `Id` through its Buy with Prime order id.
struct SandboxOrg: Sendable {
    /// A `SalesChannel` record: its id and fields by their canonical names.
    struct SalesChannel: Sendable, Equatable {
        var id: String
        var fields: [String: JSONValue]
    }

    /// An `Order` record: its id, the Buy with Prime order id it was created for and the fields written.
    struct Order: Sendable, Equatable {
        var id: String
        var orderId: String
        var fields: [String: JSONValue]
    }

    /// The `SalesChannel` fields the API reads and writes, in their canonical spelling.
    static let salesChannelFields = ["SalesChannelName", "Type", "ExternalChannelNumber", "Description"]
    /// The `Type` picklist.
    static let salesChannelTypes = ["B2B", "B2C", "Other"]
    /// The key prefix of `SalesChannel` ids.
    static let salesChannelPrefix = "0bI"
    /// The key prefix of `Order` ids.
    static let orderPrefix = "801"

    private(set) var salesChannels: [SalesChannel] = []
    private(set) var orders: [Order] = []
    /// Where each order is in ``orders``, by its id and by its Buy with Prime order id: a lookup
    /// stays quick however many orders a long run adds.
    private var orderById: [String: Int] = [:]
    private var orderByOrderId: [String: Int] = [:]
    private var lastNumber = 0

    /// Makes an `Order` exist for a Buy with Prime order id; returns its id and whether it is new.
    mutating func addOrder(orderId: String) -> (id: String, created: Bool) {
        if let index = orderByOrderId[orderId] { return (orders[index].id, false) }
        let id = nextId(prefix: Self.orderPrefix)
        orderById[id] = orders.count
        orderByOrderId[orderId] = orders.count
        orders.append(Order(id: id, orderId: orderId, fields: [:]))
        return (id, true)
    }

    /// Creates a `SalesChannel` from a request body: its id, or the errors (400).
    mutating func createSalesChannel(_ body: JSONValue) -> Result<String, SalesforceError> {
        switch salesChannelFields(body, creating: true) {
        case .failure(let error): return .failure(error)
        case .success(let fields):
            let id = nextId(prefix: Self.salesChannelPrefix)
            salesChannels.append(SalesChannel(id: id, fields: fields))
            return .success(id)
        }
    }

    /// Updates the `SalesChannel` `id` from a request body.
    mutating func updateSalesChannel(id: String, _ body: JSONValue) -> RecordWrite {
        guard let index = salesChannels.firstIndex(where: { $0.id == id }) else {
            return .failed(404, .notFound)
        }
        switch salesChannelFields(body, creating: false) {
        case .failure(let error): return .failed(400, error)
        case .success(let fields):
            salesChannels[index].fields.merge(fields) { $1 }
            return .updated
        }
    }

    /// Updates the `Order` `id` from a request body. A value that looks like a `SalesChannel` id must
    /// name one that exists (`INVALID_CROSS_REFERENCE_KEY`), as a lookup field's would.
    mutating func updateOrder(id: String, _ body: JSONValue) -> RecordWrite {
        guard let index = orderById[id] else { return .failed(404, .notFound) }
        guard let members = body.object else { return .failed(400, Self.jsonError) }
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            if name.lowercased() == "id" {
                return .failed(
                    400,
                    SalesforceError(
                        errorCode: "INVALID_FIELD_FOR_INSERT_UPDATE", message: "Unable to create/update fields: Id.",
                        fields: ["Id"]))
            }
            if let reference = value.string, reference.hasPrefix(Self.salesChannelPrefix),
                !salesChannels.contains(where: { $0.id == reference })
            {
                return .failed(
                    400,
                    SalesforceError(
                        errorCode: "INVALID_CROSS_REFERENCE_KEY",
                        message: "invalid cross reference id", fields: [name]))
            }
        }
        orders[index].fields.merge(members) { $1 }
        return .updated
    }

    /// Runs a parsed query: the records as the REST API lists them, or the error (400).
    func run(_ query: SOQLQuery, apiVersion: String) -> Result<[JSONValue], SalesforceError> {
        switch query.object.lowercased() {
        case "saleschannel": salesChannelRecords(query, apiVersion: apiVersion)
        case "order": .success(orderRecords(query, apiVersion: apiVersion))
        default: .failure(.malformedQuery("The sandbox answers queries of SalesChannel and Order only"))
        }
    }

    /// The `SalesChannel`s whose `ExternalChannelNumber` is one of the query's values.
    private func salesChannelRecords(_ query: SOQLQuery, apiVersion: String) -> Result<[JSONValue], SalesforceError> {
        guard query.whereField.lowercased() == "externalchannelnumber" else {
            return .failure(.malformedQuery("The sandbox finds a SalesChannel by ExternalChannelNumber only"))
        }
        let known = Set((["Id"] + Self.salesChannelFields).map { $0.lowercased() })
        if let unknown = query.fields.first(where: { !known.contains($0.lowercased()) }) {
            return .failure(.malformedQuery("No such column '\(unknown)' on entity 'SalesChannel'"))
        }
        let wanted = Set(query.values)
        let found = salesChannels.filter { wanted.contains($0.fields["ExternalChannelNumber"]?.string ?? "") }
        return .success(
            found.map { channel in
                record(type: "SalesChannel", id: channel.id, fields: query.fields, apiVersion: apiVersion) {
                    channel.fields[Self.canonical($0)] ?? .null
                }
            })
    }

    /// The `Order`s whose Buy with Prime order id (or `Id`, when the condition names it) is one of the
    /// query's values, in the order of the values. The condition's field reads as the order id; any
    /// other selected field as what a PATCH wrote, or null.
    private func orderRecords(_ query: SOQLQuery, apiVersion: String) -> [JSONValue] {
        let key = query.whereField.lowercased()
        let byId = key == "id"
        var found: [Order] = []
        var seen: Set<Int> = []
        for value in query.values {
            if let index = byId ? orderById[value] : orderByOrderId[value], seen.insert(index).inserted {
                found.append(orders[index])
            }
        }
        return found.map { order in
            record(type: "Order", id: order.id, fields: query.fields, apiVersion: apiVersion) { field in
                if !byId && field.lowercased() == key { return .string(order.orderId) }
                return order.fields.first { $0.key.lowercased() == field.lowercased() }?.value ?? .null
            }
        }
    }

    /// A record as a query lists it: `attributes`, `Id`, then each selected field as the query spelled it.
    private func record(
        type: String, id: String, fields: [String], apiVersion: String, value: (String) -> JSONValue
    ) -> JSONValue {
        var members: [String: JSONValue] = [
            "attributes": [
                "type": .string(type), "url": .string("/services/data/\(apiVersion)/sobjects/\(type)/\(id)"),
            ]
        ]
        for field in fields {
            members[field] = field.lowercased() == "id" ? .string(id) : value(field)
        }
        return .object(members)
    }

    /// The body's `SalesChannel` fields by their canonical names, checked as Salesforce would.
    private func salesChannelFields(_ body: JSONValue, creating: Bool) -> Result<[String: JSONValue], SalesforceError> {
        guard let members = body.object else { return .failure(Self.jsonError) }
        var fields: [String: JSONValue] = [:]
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            let field = Self.canonical(name)
            guard Self.salesChannelFields.contains(field) else {
                return .failure(
                    SalesforceError(
                        errorCode: "INVALID_FIELD",
                        message: "No such column '\(name)' on sobject of type SalesChannel", fields: [name]))
            }
            guard value == .null || value.string != nil else {
                return .failure(
                    SalesforceError(
                        errorCode: "JSON_PARSER_ERROR", message: "Cannot deserialize \(field) from a non-string",
                        fields: [field]))
            }
            if field == "Type", let type = value.string, !Self.salesChannelTypes.contains(type) {
                return .failure(
                    SalesforceError(
                        errorCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                        message: "Type: bad value for restricted picklist field: \(type)", fields: ["Type"]))
            }
            fields[field] = value
        }
        let name = fields["SalesChannelName"]
        if (creating && (name ?? .null) == .null) || (!creating && name == .null) {
            return .failure(
                SalesforceError(
                    errorCode: "REQUIRED_FIELD_MISSING", message: "Required fields are missing: [SalesChannelName]",
                    fields: ["SalesChannelName"]))
        }
        return .success(fields)
    }

    /// The canonical spelling of a `SalesChannel` field (field names are case-insensitive), or the name.
    private static func canonical(_ name: String) -> String {
        salesChannelFields.first { $0.lowercased() == name.lowercased() } ?? name
    }

    static let jsonError = SalesforceError(errorCode: "JSON_PARSER_ERROR", message: "The body is not a JSON object")

    /// An 18-character id: the key prefix, `SB`, then a counter.
    private mutating func nextId(prefix: String) -> String {
        lastNumber += 1
        let digits = String(lastNumber)
        return prefix + "SB" + String(repeating: "0", count: max(0, 13 - digits.count)) + digits
    }
}
