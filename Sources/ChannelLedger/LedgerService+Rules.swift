import ChannelDomain
import EventSourcing
import Foundation

extension LedgerService {
    /// The association flow in force, with each rule's channel named: the `association-rules` stream
    /// folded (with no event, the initial flow: active, one by-target-id rule, revision 0).
    public func rules() async throws -> RulesView {
        let state = try await foldRules()
        let names = try await channelNames()
        return RulesView(
            active: state.active, revision: state.revision,
            rules: state.rules.enumerated().map { index, rule in
                var channelName: String?
                if case .channel(let id) = rule.target { channelName = names[id] }
                return RuleView(position: index + 1, rule: rule, channelName: channelName)
            })
    }

    /// Every channel's display name by id, for rules and verdicts that name channels by id.
    public func channelNames() async throws -> [UUID: String] {
        Dictionary(try await channels().compactMap { summary in summary.state.id.map { ($0, summary.state.name) } }) {
            first, _ in first
        }
    }

    /// The `association-rules` stream folded.
    ///
    /// Folded on from ``flowMemo``: only the events after the version folded last are read.
    func foldRules() async throws -> AssociationFlowState {
        let known = flowMemo.withLock { $0 }
        let newer = try await store.read(stream: Streams.associationRules, from: known.version + 1)
        guard let last = newer.last else { return known.state }
        let state = try newer.reduce(known.state) {
            AssociationFlow.evolve($0, try AssociationFlowEvent.codec.decode($1))
        }
        flowMemo.withLock { if $0.version < last.version { $0 = (last.version, state) } }
        return state
    }

    /// Adds a rule (`rules add`): to a channel (name or id) when its conditions all hold, or to the
    /// live owner of the order's target ID (`byTargetID`, no channel). Conditions are typed as
    /// `FIELD OP VALUE`; `position` counts from 1, nil puts the rule last.
    public func addRule(
        name: String, channel nameOrID: String?, conditions: [String], byTargetID: Bool, position: Int?,
        context: CommandContext
    ) async throws -> CommandResult<RulesView> {
        let parsed = try conditions.map(RuleCondition.parse)
        var channelID: UUID?
        if let nameOrID {
            let summary = try await channel(nameOrID)
            guard let id = summary.state.id else { throw LedgerError.channelNotFound(nameOrID) }
            channelID = id
        }
        return try await runRules(context) { _ in
            .addRule(name: name, channel: channelID, conditions: parsed, byTargetID: byTargetID, position: position)
        }
    }

    /// Removes a rule (`rules remove`).
    public func removeRule(name: String, context: CommandContext) async throws -> CommandResult<RulesView> {
        try await runRules(context) { _ in .removeRule(name: name) }
    }

    /// Moves a rule to a position counted from 1 (`rules move`); its own position records nothing.
    public func moveRule(name: String, to position: Int, context: CommandContext) async throws
        -> CommandResult<RulesView>
    {
        try await runRules(context) { _ in .moveRule(name: name, to: position) }
    }

    /// Lets the flow associate orders (`rules activate`); an active flow records nothing.
    public func activateFlow(context: CommandContext) async throws -> CommandResult<RulesView> {
        try await runRules(context) { _ in .activate }
    }

    /// Stops the flow: orders are received, unassociated (`rules deactivate`); an inactive flow records nothing.
    public func deactivateFlow(context: CommandContext) async throws -> CommandResult<RulesView> {
        try await runRules(context) { _ in .deactivate }
    }

    /// Where the flow in force would send an order with these facts, among the channels as they are
    /// now (`rules test`): a dry run that records nothing.
    public func testRules(facts: OrderFacts) async throws -> FlowDecision {
        try await testRulesNamingChannels(facts: facts).decision
    }

    /// ``testRules(facts:)`` with every channel's name by id, from the same read of the channels
    /// (for a decision shown to people).
    public func testRulesNamingChannels(facts: OrderFacts) async throws -> (
        decision: FlowDecision, channelNames: [UUID: String]
    ) {
        let (state, candidates) = try await flowInputs()
        let names = Dictionary(candidates.map { ($0.id, $0.name) }) { first, _ in first }
        return (state.decide(for: facts, channels: candidates), names)
    }

    /// The command that records where the flow in force sends an order, nil when nowhere: the
    /// choice of ``testRules(facts:)`` without a verdict per rule (intake's, once per order).
    func flowChoice(facts: OrderFacts) async throws -> OrderCommand? {
        let (state, candidates) = try await flowInputs()
        return state.associateCommand(for: facts, channels: candidates)
    }

    /// The flow in force and the channels as the flow sees them.
    private func flowInputs() async throws -> (AssociationFlowState, [ChannelCandidate]) {
        let state = try await foldRules()
        let candidates = try await channels().compactMap { summary -> ChannelCandidate? in
            guard let id = summary.state.id else { return nil }
            return ChannelCandidate(
                id: id, name: summary.state.name, isLive: summary.state.isLive,
                // A channel owns the target ID of its credentials in force; pending ones are not authorized yet.
                targetIds: summary.state.credentials.map { [$0.targetId] } ?? [])
        }
        return (state, candidates)
    }

    /// Runs a command on the `association-rules` stream and reads the flow back.
    private func runRules(
        _ context: CommandContext, command: (AssociationFlowState) async throws -> AssociationFlowCommand
    ) async throws -> CommandResult<RulesView> {
        let changed = try await runner.run(
            AssociationFlow.self, stream: Streams.associationRules, codec: AssociationFlowEvent.codec,
            context: context, payload: { $0.payload }, command: command)
        return CommandResult(view: try await rules(), changed: changed)
    }
}

/// The association flow as `rules list` shows it.
public struct RulesView: Sendable, Equatable {
    /// Whether the flow associates orders.
    public var active: Bool
    /// The `association-rules` stream version.
    public var revision: Int
    /// The rules, first consulted first.
    public var rules: [RuleView]
}

extension RulesView {
    /// The first rule before `rule` that holds for every order (it has no conditions), if any: it
    /// places every order it can before `rule` is consulted.
    public func unconditionalRule(before rule: RuleView) -> RuleView? {
        rules.first { $0.position < rule.position && $0.rule.conditions.isEmpty }
    }
}

/// One rule as `rules list` shows it.
public struct RuleView: Sendable, Equatable {
    /// Its position, counted from 1.
    public var position: Int
    /// The rule.
    public var rule: AssociationRule
    /// The display name of its channel, nil for a by-target-id rule or a channel no longer known.
    public var channelName: String?
}
