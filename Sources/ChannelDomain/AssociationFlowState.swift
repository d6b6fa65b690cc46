/// The association flow as its events left it: the rules in order, whether it runs, and its revision.
public struct AssociationFlowState: Sendable, Equatable {
    /// The rules, first consulted first.
    public var rules: [AssociationRule]
    /// Whether the flow associates orders; an inactive flow associates nothing.
    public var active: Bool
    /// The `association-rules` stream version: how many events were folded.
    public var revision: Int

    /// A flow; by default the one a ledger starts with: active, one by-target-id rule, revision 0.
    public init(rules: [AssociationRule] = [.byTargetID], active: Bool = true, revision: Int = 0) {
        self.rules = rules
        self.active = active
        self.revision = revision
    }

    /// The index of the rule with this name (compared case-insensitively), if any.
    public func index(of name: String) -> Int? {
        let key = AssociationRule.key(name)
        return rules.firstIndex { AssociationRule.key($0.name) == key }
    }
}
