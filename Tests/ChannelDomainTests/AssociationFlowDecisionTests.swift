import ChannelDomain
import Foundation
import Testing

/// The flow's decision for one order: the first rule that holds and whose channel is live wins.
@Suite("Association flow decision")
struct AssociationFlowDecisionTests {
    typealias F = OrderFixture

    static let euLive = ChannelCandidate(id: F.eu, name: "EU Store", isLive: true, targetIds: ["target-eu-1"])
    static let euDraft = ChannelCandidate(id: F.eu, name: "EU Store", isLive: false, targetIds: ["target-eu-1"])
    static let usLive = ChannelCandidate(id: F.us, name: "US Store", isLive: true, targetIds: ["target-us-1"])

    static let order = OrderFacts(
        targetId: "target-eu-1", aliases: ["shop-1001", "legacy-77"], currencies: ["EUR", "GBP"],
        skus: ["B0SKU1", "B0SKU2"], externalSkus: ["MUG-RED"], emailDomain: "Example.com")

    /// The flow after these events.
    static func flow(_ events: [AssociationFlowEvent]) -> AssociationFlowState { AssociationFlow.fold(events) }

    /// Whether a lone condition holds for the order.
    static func holds(_ condition: String, _ facts: OrderFacts = order) -> Bool {
        F.condition(condition).holds(for: facts)
    }

    @Test("the initial flow sends an order to the live channel that owns its target ID, at revision 0")
    func byTargetID() {
        let decision = AssociationFlow.initialState.decide(for: Self.order, channels: [Self.usLive, Self.euLive])
        #expect(decision.channel == Self.euLive)
        #expect(decision.reason == .rule(name: "by-target-id", flowRevision: 0))
        #expect(decision.verdicts == [AssociationRuleVerdict(rule: "by-target-id", outcome: .holds(channelId: F.eu))])
        #expect(decision.flowActive)
        #expect(
            decision.associateCommand
                == .associate(channel: F.eu, channelLive: true, reason: .rule(name: "by-target-id", flowRevision: 0)))
    }

    @Test("by-target-id chooses nothing when no channel owns the target ID, and skips an owner that is not live")
    func byTargetIDWithoutLiveOwner() {
        let unowned = AssociationFlow.initialState.decide(for: Self.order, channels: [Self.usLive])
        #expect(unowned.channel == nil)
        #expect(unowned.reason == nil)
        #expect(unowned.associateCommand == nil)
        #expect(unowned.verdicts == [AssociationRuleVerdict(rule: "by-target-id", outcome: .noChannelOwnsTarget)])
        let draft = AssociationFlow.initialState.decide(for: Self.order, channels: [Self.euDraft, Self.usLive])
        #expect(draft.channel == nil)
        #expect(
            draft.verdicts == [
                AssociationRuleVerdict(rule: "by-target-id", outcome: .holdsButChannelNotLive(channelId: F.eu))
            ])
    }

    @Test("the first rule that holds and whose channel is live wins; later rules are not reached")
    func firstHoldingRuleWins() {
        let flow = Self.flow([
            F.added("us-by-currency", channel: F.us, when: ["currency = USD"], position: 1),
            F.added("us-by-alias", channel: F.us, when: ["alias prefix shop-"], position: 2),
        ])
        let decision = flow.decide(for: Self.order, channels: [Self.euLive, Self.usLive])
        #expect(decision.channel == Self.usLive)
        #expect(decision.reason == .rule(name: "us-by-alias", flowRevision: 2))
        #expect(
            decision.verdicts == [
                AssociationRuleVerdict(
                    rule: "us-by-currency", outcome: .doesNotHold(failed: F.condition("currency = USD"))),
                AssociationRuleVerdict(rule: "us-by-alias", outcome: .holds(channelId: F.us)),
                AssociationRuleVerdict(rule: "by-target-id", outcome: .notReached),
            ])
    }

    @Test("a rule that holds for a channel that is not live is skipped and named in the reason")
    func skippedRuleNamed() {
        let flow = Self.flow([F.added("eu-by-currency", channel: F.eu, when: ["currency = eur"], position: 1)])
        let decision = flow.decide(for: Self.order, channels: [Self.euDraft, Self.usLive])
        #expect(decision.channel == nil, "by-target-id finds the same channel not live")
        let moved = Self.flow([
            F.added("eu-by-currency", channel: F.eu, when: ["currency = eur"], position: 1),
            F.added("rest", channel: F.us),
        ])
        let toUS = moved.decide(for: Self.order, channels: [Self.euDraft, Self.usLive])
        #expect(toUS.channel == Self.usLive)
        #expect(toUS.reason == .rule(name: "rest", flowRevision: 2, skipped: ["eu-by-currency", "by-target-id"]))
        #expect(
            toUS.verdicts.map(\.outcome) == [
                .holdsButChannelNotLive(channelId: F.eu), .holdsButChannelNotLive(channelId: F.eu),
                .holds(channelId: F.us),
            ])
    }

    @Test("a rule whose channel is not among the candidates (archived) is skipped like one not live")
    func unknownChannelSkipped() {
        let flow = Self.flow([F.added("gone", channel: UUID(), position: 1)])
        let decision = flow.decide(for: Self.order, channels: [Self.euLive])
        #expect(decision.channel == Self.euLive)
        #expect(decision.reason == .rule(name: "by-target-id", flowRevision: 1, skipped: ["gone"]))
    }

    @Test("a rule holds only when all its conditions do; the verdict names the first that does not")
    func allConditions() {
        let flow = Self.flow([
            F.added("us", channel: F.us, when: ["currency = EUR", "sku = NOPE", "alias = nope"], position: 1)
        ])
        let decision = flow.decide(for: Self.order, channels: [Self.usLive])
        #expect(decision.channel == nil)
        #expect(decision.verdicts.first?.outcome == .doesNotHold(failed: F.condition("sku = NOPE")))
    }

    @Test("a rule with no condition matches every order")
    func noConditionMatchesAll() {
        let flow = Self.flow([F.added("everything", channel: F.us, position: 1)])
        #expect(flow.decide(for: OrderFacts(targetId: "t"), channels: [Self.usLive]).channel == Self.usLive)
    }

    @Test("an inactive flow associates nothing")
    func inactive() {
        let flow = Self.flow([.deactivated(AssociationFlowDeactivated())])
        let decision = flow.decide(for: Self.order, channels: [Self.euLive])
        #expect(decision.channel == nil)
        #expect(decision.reason == nil)
        #expect(decision.verdicts.isEmpty)
        #expect(!decision.flowActive)
    }

    @Test("an empty flow associates nothing")
    func emptyFlow() {
        let flow = Self.flow([.ruleRemoved(AssociationRuleRemoved(name: "by-target-id"))])
        let decision = flow.decide(for: Self.order, channels: [Self.euLive])
        #expect(decision.channel == nil)
        #expect(decision.verdicts.isEmpty)
    }

    @Test(
        "a line-level condition holds when some line matches; != when none does",
        arguments: [
            ("sku = B0SKU2", true), ("sku = B0SKU3", false), ("sku != B0SKU2", false), ("sku != B0SKU3", true),
            ("sku prefix B0", true), ("sku in X,B0SKU1", true), ("external-sku = MUG-RED", true),
            ("external-sku = mug-red", false), ("external-sku != MUG-BLUE", true),
        ])
    func lineLevel(condition: String, expected: Bool) {
        #expect(Self.holds(condition) == expected)
    }

    @Test(
        "alias and currency hold when any of the order's do; != when none does",
        arguments: [
            ("alias = legacy-77", true), ("alias != legacy-77", false), ("alias != other", true),
            ("alias prefix legacy", true), ("alias = LEGACY-77", false),
            ("currency = gbp", true), ("currency != USD", true), ("currency != eur", false),
            ("currency in usd,jpy", false), ("currency prefix g", true),
        ])
    func multiValued(condition: String, expected: Bool) {
        #expect(Self.holds(condition) == expected)
    }

    @Test(
        "target ID compares exactly, email domain case-insensitively",
        arguments: [
            ("target-id = target-eu-1", true), ("target-id = TARGET-EU-1", false), ("target-id prefix target-", true),
            ("target-id != target-eu-1", false), ("target-id in a,target-eu-1", true),
            ("email-domain = EXAMPLE.COM", true), ("email-domain in shop.org, example.com", true),
            ("email-domain prefix EXA", true), ("email-domain != example.com", false),
        ])
    func singleValued(condition: String, expected: Bool) {
        #expect(Self.holds(condition) == expected)
    }

    @Test("an order without an email domain matches no email-domain value, so != holds")
    func missingEmailDomain() {
        let facts = OrderFacts(targetId: "t")
        #expect(!Self.holds("email-domain = example.com", facts))
        #expect(Self.holds("email-domain != example.com", facts))
        #expect(!Self.holds("sku prefix B", facts), "no line, no match")
        #expect(Self.holds("sku != B0SKU1", facts))
    }
}

extension AssociationFlowDecisionTests {
    /// Intake's choice (no verdicts) is the decision's, for every mix of rules, channels and orders
    /// tried: the same command, or none.
    @Test("the choice without verdicts agrees with the decision")
    func choiceAgreesWithDecision() {
        var generator = SystemRandomNumberGenerator()
        let conditions = [
            "currency = EUR", "currency in USD,GBP", "sku prefix B0S", "email-domain = example.com",
            "alias != shop-1001", "target-id = target-us-1", "external-sku = MUG-RED",
        ]
        let orders = [
            Self.order,
            OrderFacts(targetId: "target-us-1", currencies: ["USD"], skus: ["B1"], emailDomain: "other.org"),
            OrderFacts(targetId: "target-xx-9"),
        ]
        let channelSets: [[ChannelCandidate]] = [
            [Self.euLive, Self.usLive], [Self.euDraft, Self.usLive], [Self.usLive], [Self.euDraft], [],
        ]
        for round in 0..<300 {
            var events: [AssociationFlowEvent] = []
            for index in 0..<Int.random(in: 0...5, using: &generator) {
                let byTarget = Bool.random(using: &generator)
                events.append(
                    F.added(
                        "rule-\(index)", channel: byTarget ? nil : (Bool.random(using: &generator) ? F.eu : F.us),
                        when: byTarget ? [] : [conditions.randomElement(using: &generator)!], byTargetID: byTarget))
            }
            if round % 7 == 0 { events.append(.deactivated(AssociationFlowDeactivated())) }
            let flow = Self.flow(events)
            for order in orders {
                for channels in channelSets {
                    #expect(
                        flow.associateCommand(for: order, channels: channels)
                            == flow.decide(for: order, channels: channels).associateCommand,
                        "\(events) \(order) \(channels)")
                }
            }
        }
    }
}
