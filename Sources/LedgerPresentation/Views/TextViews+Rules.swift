import ChannelDomain
import ChannelLedger
import Foundation

extension TextViews {
    /// `rules list`: the flow's state, then one row per rule in the order the flow consults them.
    public static func rules(_ view: RulesView) -> String {
        let head =
            "flow \(view.active ? "active" : "inactive (orders are received, unassociated)"), revision \(view.revision)"
        guard !view.rules.isEmpty else {
            return head + "\nno rules; add one with `channel-ledger rules add NAME --by-target-id`"
        }
        let rows =
            [["#", "NAME", "CHANNEL", "CONDITIONS"]]
            + view.rules.map { rule in
                [String(rule.position), rule.rule.name, ruleChannel(rule), conditions(rule.rule.conditions)]
            }
        return head + "\n" + table(rows)
    }

    /// Where a rule sends an order: its channel's name, or the target ID's owner.
    static func ruleChannel(_ view: RuleView) -> String {
        switch view.rule.target {
        case .byTargetID: "by target ID"
        case .channel(let id): view.channelName ?? Views.uuid(id)
        }
    }

    /// Conditions as typed, joined by `and`; none matches every order.
    static func conditions(_ conditions: [RuleCondition]) -> String {
        conditions.isEmpty ? "every order" : conditions.map(\.text).joined(separator: " and ")
    }

    /// One line after a rules command: what changed and the flow's revision.
    public static func rulesLine(_ view: RulesView, changed: Bool, done: String, already: String) -> String {
        changed ? "\(done) (flow revision \(view.revision))" : "\(already) (nothing to do)"
    }

    /// `rules test`: the channel chosen and why, then each rule's verdict.
    public static func flowDecision(_ decision: FlowDecision, channelNames: [UUID: String]) -> String {
        guard decision.flowActive else {
            return "channel: none (the flow is inactive: orders are received, unassociated)"
        }
        var head = "channel: none (no rule chose a live channel)"
        if let channel = decision.channel, case .rule(let name, let revision, let skipped) = decision.reason {
            head = "channel: \(channel.name) (rule \(name), flow revision \(revision)"
            head += skipped.isEmpty ? ")" : "; skipped: \(skipped.joined(separator: ", ")))"
        }
        let rows = decision.verdicts.enumerated().map { index, verdict in
            [String(index + 1), verdict.rule, self.verdict(verdict.outcome, channelNames: channelNames)]
        }
        return rows.isEmpty ? head : head + "\n" + table(rows)
    }

    /// What one rule made of the order, in words.
    static func verdict(_ outcome: AssociationRuleVerdict.Outcome, channelNames: [UUID: String]) -> String {
        let name = { (id: UUID) in "\"\(channelNames[id] ?? Views.uuid(id))\"" }
        return switch outcome {
        case .holds(let id): "holds: chose \(name(id))"
        case .doesNotHold(let failed): "does not hold: \(failed.text)"
        case .holdsButChannelNotLive(let id): "skipped: holds, but channel \(name(id)) is not live"
        case .noChannelOwnsTarget: "holds, but no channel owns the order's target ID"
        case .notReached: "not reached"
        }
    }
}
