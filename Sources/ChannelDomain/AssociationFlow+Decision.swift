extension AssociationFlow {
    /// Where the flow in `state` sends an order, a pure function of the order's facts and the channels.
    ///
    /// The first rule that holds and whose channel is live wins; a rule that holds for a channel that
    /// is not live (or not among `channels`) is skipped and named in the reason. A by-target-id rule
    /// picks the live channel that owns the order's target ID. An inactive flow chooses nothing.
    public static func decide(
        for facts: OrderFacts, channels: [ChannelCandidate], _ state: AssociationFlowState
    ) -> FlowDecision {
        guard state.active else { return FlowDecision(channel: nil, reason: nil, verdicts: [], flowActive: false) }
        var verdicts: [AssociationRuleVerdict] = []
        verdicts.reserveCapacity(state.rules.count)
        var skipped: [String] = []
        var chosen: ChannelCandidate?
        var winner: String?
        for rule in state.rules {
            guard chosen == nil else {
                verdicts.append(AssociationRuleVerdict(rule: rule.name, outcome: .notReached))
                continue
            }
            let (outcome, channel) = verdict(of: rule, for: facts, channels: channels)
            verdicts.append(AssociationRuleVerdict(rule: rule.name, outcome: outcome))
            if let channel {
                chosen = channel
                winner = rule.name
            } else if case .holdsButChannelNotLive = outcome {
                skipped.append(rule.name)
            }
        }
        let reason = winner.map {
            OrderAssociationReason.rule(name: $0, flowRevision: state.revision, skipped: skipped)
        }
        return FlowDecision(channel: chosen, reason: reason, verdicts: verdicts, flowActive: true)
    }

    /// What one rule makes of an order, and the live channel it chooses, if any.
    private static func verdict(
        of rule: AssociationRule, for facts: OrderFacts, channels: [ChannelCandidate]
    ) -> (AssociationRuleVerdict.Outcome, ChannelCandidate?) {
        if let failed = rule.failedCondition(for: facts) { return (.doesNotHold(failed: failed), nil) }
        switch rule.target {
        case .channel(let id):
            guard let channel = channels.first(where: { $0.id == id }), channel.isLive else {
                return (.holdsButChannelNotLive(channelId: id), nil)
            }
            return (.holds(channelId: id), channel)
        case .byTargetID:
            let owners = channels.filter { $0.targetIds.contains(facts.targetId) }
            if let live = owners.first(where: \.isLive) { return (.holds(channelId: live.id), live) }
            if let owner = owners.first { return (.holdsButChannelNotLive(channelId: owner.id), nil) }
            return (.noChannelOwnsTarget, nil)
        }
    }
}

extension AssociationFlowState {
    /// Where this flow sends an order: ``AssociationFlow/decide(for:channels:_:)``.
    public func decide(for facts: OrderFacts, channels: [ChannelCandidate]) -> FlowDecision {
        AssociationFlow.decide(for: facts, channels: channels, self)
    }

    /// The command that records where this flow sends an order, nil when it sends it nowhere:
    /// the same choice and reason as ``decide(for:channels:)``, without a verdict per rule (what
    /// intake needs, once per order).
    public func associateCommand(for facts: OrderFacts, channels: [ChannelCandidate]) -> OrderCommand? {
        guard active else { return nil }
        var skipped: [String] = []
        for rule in rules where rule.failedCondition(for: facts) == nil {
            switch rule.target {
            case .channel(let id):
                if let channel = channels.first(where: { $0.id == id }), channel.isLive {
                    return .associate(
                        channel: id, channelLive: true,
                        reason: .rule(name: rule.name, flowRevision: revision, skipped: skipped))
                }
                skipped.append(rule.name)
            case .byTargetID:
                let owners = channels.filter { $0.targetIds.contains(facts.targetId) }
                if let live = owners.first(where: \.isLive) {
                    return .associate(
                        channel: live.id, channelLive: true,
                        reason: .rule(name: rule.name, flowRevision: revision, skipped: skipped))
                }
                if !owners.isEmpty { skipped.append(rule.name) }
            }
        }
        return nil
    }
}
