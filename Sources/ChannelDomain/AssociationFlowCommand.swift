import Foundation

/// What can be asked of the association flow.
public enum AssociationFlowCommand: Sendable, Equatable {
    /// Add a rule: with a channel and conditions, or picking the target ID's owner (`byTargetID`,
    /// no channel). `position` counts from 1; nil puts the rule last.
    case addRule(
        name: String, channel: UUID?, conditions: [RuleCondition] = [], byTargetID: Bool = false,
        position: Int? = nil)
    /// Remove a rule.
    case removeRule(name: String)
    /// Move a rule to a position, counted from 1.
    case moveRule(name: String, to: Int)
    /// Let the flow associate orders.
    case activate
    /// Stop the flow: orders are received, unassociated.
    case deactivate
}
