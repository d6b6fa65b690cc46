import ChannelDomain
import ChannelLedger
import Foundation

extension Views {
    /// `rules list --json` and the rules commands: whether the flow runs, its revision, its rules in order.
    public static func rules(_ view: RulesView) -> JSONValue {
        .object([
            ("active", .bool(view.active)), ("revision", .int(Int64(view.revision))),
            ("rules", .array(view.rules.map(rule))),
        ])
    }

    /// One rule: position, name, channel (id and name; null for by-target-id), conditions.
    public static func rule(_ view: RuleView) -> JSONValue {
        var channelID: UUID?
        if case .channel(let id) = view.rule.target { channelID = id }
        return .object([
            ("position", .int(Int64(view.position))), ("name", .string(view.rule.name)),
            ("channelId", .string(channelID.map(uuid))), ("channel", .string(view.channelName)),
            ("byTargetId", .bool(view.rule.target == .byTargetID)),
            ("conditions", .array(view.rule.conditions.map(condition))),
        ])
    }

    /// A condition: `{field, op, value, text}`.
    public static func condition(_ condition: RuleCondition) -> JSONValue {
        .object([
            ("field", .string(condition.field.rawValue)), ("op", .string(condition.op.rawValue)),
            ("value", .string(condition.value)), ("text", .string(condition.text)),
        ])
    }

    /// `rules test --json`: the channel chosen (or null), the reason, and each rule's verdict.
    public static func flowDecision(_ decision: FlowDecision, channelNames: [UUID: String]) -> JSONValue {
        .object([
            ("flowActive", .bool(decision.flowActive)),
            (
                "channel",
                decision.channel.map { .object([("id", .string(uuid($0.id))), ("name", .string($0.name))]) } ?? .null
            ),
            ("reason", decision.reason.map(reason) ?? .null),
            ("verdicts", .array(decision.verdicts.map { verdict($0, channelNames: channelNames) })),
        ])
    }

    /// Why an order went to its channel, as `OrderAssociated` records it.
    public static func reason(_ reason: OrderAssociationReason) -> JSONValue {
        switch reason {
        case .rule(let name, let flowRevision, let skipped):
            .object([
                ("kind", .string("rule")), ("name", .string(name)), ("flowRevision", .int(Int64(flowRevision))),
                ("skipped", .array(skipped.map { .string($0) })),
            ])
        case .manual(let text): .object([("kind", .string("manual")), ("text", .string(text))])
        case .upgrade: .object([("kind", .string("upgrade"))])
        }
    }

    /// One rule's verdict: `holds`, `doesNotHold` (with the failed condition), `channelNotLive`,
    /// `noChannelOwnsTarget` or `notReached`, with the channel it names, if any.
    public static func verdict(_ verdict: AssociationRuleVerdict, channelNames: [UUID: String]) -> JSONValue {
        var channelID: UUID?
        var failed: RuleCondition?
        let kind: String
        switch verdict.outcome {
        case .holds(let id): (kind, channelID) = ("holds", id)
        case .doesNotHold(let condition): (kind, failed) = ("doesNotHold", condition)
        case .holdsButChannelNotLive(let id): (kind, channelID) = ("channelNotLive", id)
        case .noChannelOwnsTarget: kind = "noChannelOwnsTarget"
        case .notReached: kind = "notReached"
        }
        return .object([
            ("rule", .string(verdict.rule)), ("verdict", .string(kind)), ("channelId", .string(channelID.map(uuid))),
            ("channel", .string(channelID.flatMap { channelNames[$0] })),
            ("failedCondition", .string(failed?.text)),
        ])
    }
}
