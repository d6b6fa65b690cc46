import EventSourcing
import Foundation

/// A rule was added to the association flow.
public struct AssociationRuleAdded: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "AssociationRuleAdded"
    /// The rule's name.
    public let name: String
    /// The channel the rule sends orders to; nil for a by-target-id rule.
    public let channelId: UUID?
    /// What the rule needs of an order, all of it; none means every order.
    public let conditions: [RuleCondition]
    /// Whether the rule picks the live channel that owns the order's target ID.
    public let byTargetId: Bool
    /// Where the rule went, counted from 1; nil for last.
    public let position: Int?

    /// Creates the payload.
    public init(
        name: String, channelId: UUID?, conditions: [RuleCondition] = [], byTargetId: Bool = false,
        position: Int? = nil
    ) {
        self.name = name
        self.channelId = channelId
        self.conditions = conditions
        self.byTargetId = byTargetId
        self.position = position
    }

    private enum CodingKeys: String, CodingKey { case name, channelId, conditions, byTargetId, position }

    /// Writes the id in lower case, as every UUID the ledger prints; no `channelId` or `position` when nil.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(channelId?.uuidString.lowercased(), forKey: .channelId)
        try container.encode(conditions, forKey: .conditions)
        try container.encode(byTargetId, forKey: .byTargetId)
        try container.encodeIfPresent(position, forKey: .position)
    }
}

/// A rule was removed from the association flow.
public struct AssociationRuleRemoved: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "AssociationRuleRemoved"
    /// The rule's name.
    public let name: String

    /// Creates the payload.
    public init(name: String) {
        self.name = name
    }
}

/// A rule moved to another position of the association flow.
public struct AssociationRuleMoved: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "AssociationRuleMoved"
    /// The rule's name.
    public let name: String
    /// Its position from now on, counted from 1.
    public let to: Int

    /// Creates the payload.
    public init(name: String, to: Int) {
        self.name = name
        self.to = to
    }
}

/// The association flow was activated: new orders are associated by its rules.
public struct AssociationFlowActivated: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "AssociationFlowActivated"

    /// Creates the payload.
    public init() {}
}

/// The association flow was deactivated: new orders are received, unassociated.
public struct AssociationFlowDeactivated: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "AssociationFlowDeactivated"

    /// Creates the payload.
    public init() {}
}
