import EventSourcing
import Foundation

/// The decider of the `association-rules` stream: the ordered rules that route orders to channels
/// (the seed's "Determine Amazon Sales Channel" Flow), and whether the flow runs.
///
/// With no event recorded the flow is active with one rule, `by-target-id`, at revision 0, so ledgers
/// written before the flow existed have it too. Positions count from 1.
public enum AssociationFlow: Decider {
    /// Add, remove or move a rule; activate or deactivate the flow.
    public typealias Command = AssociationFlowCommand
    /// The flow's events, one case per payload type.
    public typealias Event = AssociationFlowEvent
    /// The flow as its events left it.
    public typealias State = AssociationFlowState

    /// The flow a ledger starts with: active, one by-target-id rule, revision 0.
    public static var initialState: AssociationFlowState { AssociationFlowState() }

    /// The events a command causes, or a thrown ``DomainError``.
    public static func decide(_ command: AssociationFlowCommand, _ state: AssociationFlowState) throws
        -> [AssociationFlowEvent]
    {
        switch command {
        case .addRule(let name, let channel, let conditions, let byTargetID, let position):
            let name = try TextRule.identifier.check(name)
                .mapError { DomainError.invalidRuleName(name: name, problem: $0) }.get()
            if let taken = state.index(of: name) {
                throw DomainError.ruleNameTaken(name: name, takenBy: state.rules[taken].name)
            }
            if byTargetID, channel != nil { throw DomainError.ruleChannelWithTargetID(rule: name) }
            if !byTargetID, channel == nil { throw DomainError.ruleChannelMissing(rule: name) }
            let last = state.rules.count + 1
            if let position, !(1...last).contains(position) {
                throw DomainError.invalidRulePosition(rule: name, position: position, last: last)
            }
            return [
                .ruleAdded(
                    AssociationRuleAdded(
                        name: name, channelId: channel, conditions: conditions, byTargetId: byTargetID,
                        position: position))
            ]
        case .removeRule(let name):
            let index = try existing(name, state)
            return [.ruleRemoved(AssociationRuleRemoved(name: state.rules[index].name))]
        case .moveRule(let name, let position):
            let index = try existing(name, state)
            let rule = state.rules[index].name
            guard (1...state.rules.count).contains(position) else {
                throw DomainError.invalidRulePosition(rule: rule, position: position, last: state.rules.count)
            }
            guard position != index + 1 else { return [] }
            return [.ruleMoved(AssociationRuleMoved(name: rule, to: position))]
        case .activate:
            return state.active ? [] : [.activated(AssociationFlowActivated())]
        case .deactivate:
            return state.active ? [.deactivated(AssociationFlowDeactivated())] : []
        }
    }

    /// The index of the rule named, or ``DomainError/unknownRule(name:known:)``.
    private static func existing(_ name: String, _ state: AssociationFlowState) throws -> Int {
        guard let index = state.index(of: name) else {
            throw DomainError.unknownRule(name: name, known: state.rules.map(\.name))
        }
        return index
    }

    /// The state after one more event; every event counts in the revision.
    public static func evolve(_ state: AssociationFlowState, _ event: AssociationFlowEvent) -> AssociationFlowState {
        var state = state
        state.revision += 1
        switch event {
        case .ruleAdded(let added):
            let target: AssociationRule.Target? = added.byTargetId ? .byTargetID : added.channelId.map { .channel($0) }
            // decide never records a rule without a target; skip one to stay total.
            guard let target else { break }
            let rule = AssociationRule(name: added.name, target: target, conditions: added.conditions)
            state.rules.insert(rule, at: slot(added.position, in: state.rules.count))
        case .ruleRemoved(let removed):
            if let index = state.index(of: removed.name) { state.rules.remove(at: index) }
        case .ruleMoved(let moved):
            if let index = state.index(of: moved.name) {
                let rule = state.rules.remove(at: index)
                state.rules.insert(rule, at: slot(moved.to, in: state.rules.count))
            }
        case .activated:
            state.active = true
        case .deactivated:
            state.active = false
        }
        return state
    }

    /// The array index of a position counted from 1, clamped to the rules; nil is last.
    private static func slot(_ position: Int?, in count: Int) -> Int {
        guard let position else { return count }
        return min(max(position - 1, 0), count)
    }
}
