/// Where the association flow sends an order, why, and what each rule made of it (what `rules test` prints).
public struct FlowDecision: Sendable, Hashable {
    /// The channel chosen, nil when no rule chose one or the flow is inactive.
    public var channel: ChannelCandidate?
    /// Why: the rule that chose the channel at the flow's revision, naming the rules skipped before it.
    public var reason: OrderAssociationReason?
    /// One verdict per rule, in the flow's order; none when the flow is inactive.
    public var verdicts: [AssociationRuleVerdict]
    /// Whether the flow was active.
    public var flowActive: Bool

    /// A decision.
    public init(
        channel: ChannelCandidate?, reason: OrderAssociationReason?, verdicts: [AssociationRuleVerdict],
        flowActive: Bool
    ) {
        self.channel = channel
        self.reason = reason
        self.verdicts = verdicts
        self.flowActive = flowActive
    }

    /// The command that records the decision on the order's stream, nil when no channel was chosen.
    public var associateCommand: OrderCommand? {
        guard let channel, let reason else { return nil }
        return .associate(channel: channel.id, channelLive: channel.isLive, reason: reason)
    }
}
