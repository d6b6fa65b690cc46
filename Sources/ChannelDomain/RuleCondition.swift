import Foundation

/// One condition of an association rule: `FIELD OP VALUE`, e.g. `currency in EUR,GBP`.
///
/// A condition holds when some value of the field matches (`!=`: when none equals the value), so
/// on a line-level field (`sku`, `external-sku`) it holds when some line matches, on `alias` when
/// some alias does. Currency and email-domain compare case-insensitively, the rest exactly.
public struct RuleCondition: Sendable, Hashable, Codable {
    /// What a condition reads of an order.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        /// The Buy with Prime target ID the order came through.
        case targetID = "target-id"
        /// Any of the order's aliases (its id).
        case alias
        /// Any of the order's currencies (case-insensitive).
        case currency
        /// Any line's Amazon SKU.
        case sku
        /// Any line's merchant SKU (`externalId`).
        case externalSKU = "external-sku"
        /// The customer's email domain (case-insensitive).
        case emailDomain = "email-domain"
    }

    /// How a condition compares.
    public enum Operator: String, Sendable, Hashable, Codable, CaseIterable {
        /// Some value equals the value.
        case equal = "="
        /// No value equals the value.
        case notEqual = "!="
        /// Some value starts with the value.
        case prefix
        /// Some value is one of a comma-separated list.
        case `in`
    }

    /// The field compared.
    public let field: Field
    /// The comparison.
    public let op: Operator
    /// The value, normalized: trimmed, upper-case for a currency, lower-case for an email domain,
    /// and for `in` the list's items trimmed and joined by commas.
    public let value: String
    /// The items of an `in` list, or the one value for the other operators.
    public let values: [String]

    /// A condition; throws ``DomainError/emptyConditionValue(condition:)`` when there is nothing to compare with.
    public init(_ field: Field, _ op: Operator, _ value: String) throws {
        let items = (op == .in ? value.split(separator: ",").map(String.init) : [value])
            .map { Self.normalized($0, for: field) }
            .filter { !$0.isEmpty }
        guard !items.isEmpty else {
            throw DomainError.emptyConditionValue(condition: "\(field.rawValue) \(op.rawValue) \(value)")
        }
        self.field = field
        self.op = op
        self.values = items
        self.value = items.joined(separator: ",")
    }

    private static func normalized(_ raw: String, for field: Field) -> String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        switch field {
        case .currency: return value.uppercased()
        case .emailDomain: return value.lowercased()
        default: return value
        }
    }

    /// The condition as typed back: `FIELD OP VALUE`.
    public var text: String { "\(field.rawValue) \(op.rawValue) \(value)" }

    /// Whether the condition holds for an order.
    public func holds(for facts: OrderFacts) -> Bool {
        // One switch per field, so no array is made for the single-valued ones (the flow runs per order).
        switch field {
        case .targetID: return holds(among: CollectionOfOne(facts.targetId))
        case .alias: return holds(among: facts.aliases)
        case .currency: return holds(among: facts.currencies)
        case .sku: return holds(among: facts.skus)
        case .externalSKU: return holds(among: facts.externalSkus)
        case .emailDomain:
            guard let domain = facts.emailDomain else { return holds(among: EmptyCollection()) }
            return holds(among: CollectionOfOne(domain))
        }
    }

    private func holds<C: Collection<String>>(among candidates: C) -> Bool {
        switch op {
        case .equal: candidates.contains(value)
        case .notEqual: !candidates.contains(value)
        case .prefix: candidates.contains { $0.hasPrefix(value) }
        case .in: candidates.contains { values.contains($0) }
        }
    }

    private enum CodingKeys: String, CodingKey { case field, op, value }

    /// Reads `{field, op, value}`; a recorded value reads as it was written, even an empty one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let field = try container.decode(Field.self, forKey: .field)
        let op = try container.decode(Operator.self, forKey: .op)
        let value = try container.decode(String.self, forKey: .value)
        self.field = field
        self.op = op
        self.value = value
        self.values = op == .in ? value.split(separator: ",").map(String.init) : [value]
    }

    /// Writes `{field, op, value}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(op, forKey: .op)
        try container.encode(value, forKey: .value)
    }
}
