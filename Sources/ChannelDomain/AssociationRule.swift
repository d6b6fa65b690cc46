import Foundation

/// One rule of the association flow: conditions over an order, and where an order that meets them goes.
public struct AssociationRule: Sendable, Hashable {
    /// Where an order the rule holds for goes.
    public enum Target: Sendable, Hashable {
        /// To this channel, if it is live.
        case channel(UUID)
        /// To the live channel that owns the order's target ID.
        case byTargetID
    }

    /// The name of the rule a new ledger's flow starts with.
    public static let byTargetIDName = "by-target-id"
    /// The rule a new ledger's flow starts with: the live channel that owns the order's target ID.
    public static let byTargetID = AssociationRule(name: byTargetIDName, target: .byTargetID)

    /// The rule's name, unique in the flow (case-insensitively).
    public var name: String
    /// Where an order the rule holds for goes.
    public var target: Target
    /// What the rule needs of an order, all of it; none means every order.
    public var conditions: [RuleCondition]

    /// A rule.
    public init(name: String, target: Target, conditions: [RuleCondition] = []) {
        self.name = name
        self.target = target
        self.conditions = conditions
    }

    /// The key names compare by: lower-case.
    public static func key(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The first condition that does not hold for the order, nil when the rule holds.
    public func failedCondition(for facts: OrderFacts) -> RuleCondition? {
        conditions.first { !$0.holds(for: facts) }
    }
}
