import ChannelDomain
import ChannelLedgerTesting
import Foundation
import Testing

/// The `association-rules` stream: an ordered list of uniquely named rules and an active flag.
@Suite("Association flow")
struct AssociationFlowTests {
    typealias F = OrderFixture

    static func names(_ state: AssociationFlowState) -> [String] { state.rules.map(\.name) }

    @Test("with no event the flow is active with one by-target-id rule at revision 0")
    func initialState() {
        let state = AssociationFlow.initialState
        #expect(state.active)
        #expect(state.revision == 0)
        #expect(state.rules == [AssociationRule(name: "by-target-id", target: .byTargetID)])
    }

    @Test("a rule with a channel and conditions goes last, and the revision counts events")
    func addRule() throws {
        let state = Spec(AssociationFlow.self)
            .when(
                .addRule(
                    name: " eu-orders ", channel: F.eu, conditions: [F.condition("currency = eur")])
            )
            .then([F.added("eu-orders", channel: F.eu, when: ["currency = EUR"])])
        #expect(Self.names(state) == ["by-target-id", "eu-orders"])
        #expect(state.rules.last?.target == .channel(F.eu))
        #expect(state.revision == 1)
    }

    @Test("a rule with no condition is accepted: it matches every order")
    func addCatchAll() {
        Spec(AssociationFlow.self)
            .when(.addRule(name: "everything-else", channel: F.us))
            .then([F.added("everything-else", channel: F.us)])
    }

    @Test("a rule can go to a position, counted from 1")
    func addAtPosition() {
        let state = Spec(AssociationFlow.self)
            .when(.addRule(name: "eu-orders", channel: F.eu, position: 1))
            .then([F.added("eu-orders", channel: F.eu, position: 1)])
        #expect(Self.names(state) == ["eu-orders", "by-target-id"])
    }

    @Test("a position outside 1 through one past the last rule is refused", arguments: [0, 3, -1])
    func addAtBadPosition(position: Int) {
        Spec(AssociationFlow.self)
            .when(.addRule(name: "eu-orders", channel: F.eu, position: position))
            .thenThrows(DomainError.invalidRulePosition(rule: "eu-orders", position: position, last: 2))
    }

    @Test("a by-target-id rule names no channel")
    func addByTargetID() {
        Spec(AssociationFlow.self).given([.ruleRemoved(AssociationRuleRemoved(name: "by-target-id"))])
            .when(.addRule(name: "owner", channel: nil, byTargetID: true))
            .then([F.added("owner", byTargetID: true)])
        Spec(AssociationFlow.self)
            .when(.addRule(name: "owner", channel: F.eu, byTargetID: true))
            .thenThrows(DomainError.ruleChannelWithTargetID(rule: "owner"))
    }

    @Test("a rule that does not pick the target ID's owner needs a channel")
    func addWithoutChannel() {
        Spec(AssociationFlow.self)
            .when(.addRule(name: "eu-orders", channel: nil, conditions: [F.condition("currency = EUR")]))
            .thenThrows(DomainError.ruleChannelMissing(rule: "eu-orders"))
    }

    @Test("rule names are unique, case-insensitively")
    func nameTaken() {
        Spec(AssociationFlow.self)
            .when(.addRule(name: "By-Target-ID", channel: F.eu))
            .thenThrows(DomainError.ruleNameTaken(name: "By-Target-ID", takenBy: "by-target-id"))
    }

    @Test(
        "a rule name is a word without whitespace of at most 200 characters",
        arguments: [
            ("", InputProblem.empty), ("eu orders", .whitespace),
            (String(repeating: "r", count: 201), .tooLong(limit: 200)),
        ])
    func invalidName(name: String, problem: InputProblem) {
        Spec(AssociationFlow.self)
            .when(.addRule(name: name, channel: F.eu))
            .thenThrows(DomainError.invalidRuleName(name: name, problem: problem))
    }

    @Test("a rule is found by its name whatever spaces surround it, as it was added")
    func nameAsTyped() {
        Spec(AssociationFlow.self).given([F.added("eu-orders", channel: F.eu)])
            .when(.removeRule(name: " eu-orders "))
            .then([.ruleRemoved(AssociationRuleRemoved(name: "eu-orders"))])
        Spec(AssociationFlow.self).given([F.added("eu-orders", channel: F.eu)])
            .when(.moveRule(name: "eu-orders\n", to: 1))
            .then([.ruleMoved(AssociationRuleMoved(name: "eu-orders", to: 1))])
    }

    @Test("removing a rule takes it out of the flow; its name is free again")
    func removeRule() {
        let state = Spec(AssociationFlow.self).given([F.added("eu-orders", channel: F.eu)])
            .when(.removeRule(name: "EU-ORDERS"))
            .then([.ruleRemoved(AssociationRuleRemoved(name: "eu-orders"))])
        #expect(Self.names(state) == ["by-target-id"])
        #expect(state.revision == 2)
        Spec(AssociationFlow.self).given([F.added("eu-orders", channel: F.eu), .ruleRemoved(.init(name: "eu-orders"))])
            .when(.addRule(name: "eu-orders", channel: F.us))
            .then([F.added("eu-orders", channel: F.us)])
    }

    @Test("removing or moving a rule the flow does not have is refused, naming its rules")
    func unknownRule() {
        let known = DomainError.unknownRule(name: "us-orders", known: ["by-target-id", "eu-orders"])
        let history = [F.added("eu-orders", channel: F.eu)]
        Spec(AssociationFlow.self).given(history).when(.removeRule(name: "us-orders")).thenThrows(known)
        Spec(AssociationFlow.self).given(history).when(.moveRule(name: "us-orders", to: 1)).thenThrows(known)
    }

    @Test("moving a rule puts it at the position, counted from 1")
    func moveRule() {
        let history = [F.added("eu-orders", channel: F.eu), F.added("us-orders", channel: F.us)]
        let state = Spec(AssociationFlow.self).given(history)
            .when(.moveRule(name: "US-orders", to: 1))
            .then([.ruleMoved(AssociationRuleMoved(name: "us-orders", to: 1))])
        #expect(Self.names(state) == ["us-orders", "by-target-id", "eu-orders"])
        let last = Spec(AssociationFlow.self).given(history)
            .when(.moveRule(name: "by-target-id", to: 3))
            .then([.ruleMoved(AssociationRuleMoved(name: "by-target-id", to: 3))])
        #expect(Self.names(last) == ["eu-orders", "us-orders", "by-target-id"])
    }

    @Test("moving a rule where it already is records nothing")
    func moveInPlace() {
        Spec(AssociationFlow.self).given([F.added("eu-orders", channel: F.eu)])
            .when(.moveRule(name: "eu-orders", to: 2))
            .thenNothing()
    }

    @Test("moving a rule outside the flow is refused", arguments: [0, 3])
    func moveOutside(position: Int) {
        Spec(AssociationFlow.self).given([F.added("eu-orders", channel: F.eu)])
            .when(.moveRule(name: "eu-orders", to: position))
            .thenThrows(DomainError.invalidRulePosition(rule: "eu-orders", position: position, last: 2))
    }

    @Test("deactivating then activating the flow; each only when it changes something")
    func activation() {
        let inactive = Spec(AssociationFlow.self).when(.deactivate)
            .then([.deactivated(AssociationFlowDeactivated())])
        #expect(!inactive.active)
        Spec(AssociationFlow.self).when(.activate).thenNothing()
        let deactivated: [AssociationFlowEvent] = [.deactivated(AssociationFlowDeactivated())]
        Spec(AssociationFlow.self).given(deactivated).when(.deactivate).thenNothing()
        let active = Spec(AssociationFlow.self).given(deactivated).when(.activate)
            .then([.activated(AssociationFlowActivated())])
        #expect(active.active)
        #expect(active.revision == 2)
    }
}
