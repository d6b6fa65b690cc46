import Foundation

/// What one rule of the flow made of an order.
public struct AssociationRuleVerdict: Sendable, Hashable {
    /// The verdict itself.
    public enum Outcome: Sendable, Hashable {
        /// The rule held and its channel was live: it chose the channel.
        case holds(channelId: UUID)
        /// A condition did not hold (the first one that did not).
        case doesNotHold(failed: RuleCondition)
        /// The rule held but its channel is not live (or no longer exists), so it was skipped.
        case holdsButChannelNotLive(channelId: UUID)
        /// A by-target-id rule held but no channel owns the order's target ID.
        case noChannelOwnsTarget
        /// An earlier rule chose the channel, so this one was not consulted.
        case notReached
    }

    /// The rule's name.
    public var rule: String
    /// What the rule made of the order.
    public var outcome: Outcome

    /// A verdict.
    public init(rule: String, outcome: Outcome) {
        self.rule = rule
        self.outcome = outcome
    }
}
