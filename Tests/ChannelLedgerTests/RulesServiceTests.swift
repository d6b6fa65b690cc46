import ChannelDomain
import ChannelLedger
import EventSourcing
import Foundation
import Testing
import Transport

/// The association flow through the service: folded on read, changed through the command runner,
/// and tried against the channels as they stand.
@Suite struct RulesServiceTests {
    @Test func aNewLedgerHasTheInitialFlowAndRulesChangeItsRevision() async throws {
        let fixture = try await ServiceFixture()
        let initial = try await fixture.service.rules()
        #expect(initial.active && initial.revision == 0)
        #expect(initial.rules.map(\.rule) == [.byTargetID])

        let added = try await fixture.service.addRule(
            name: "eur", channel: nil, conditions: ["currency = eur"], byTargetID: true, position: 1,
            context: fixture.context)
        #expect(added.changed && added.view.revision == 1)
        #expect(added.view.rules.map(\.rule.name) == ["eur", "by-target-id"])
        #expect(added.view.rules[0].rule.conditions.map(\.text) == ["currency = EUR"])
        let again = try await fixture.service.activateFlow(context: fixture.context)
        #expect(!again.changed && again.view.revision == 1)
        let events = try await fixture.store.read(stream: Streams.associationRules)
        #expect(events.map(\.metadata.actor) == ["tester"])
    }

    @Test func testRulesPicksTheLiveOwnerOfTheTargetID() async throws {
        let fixture = try await ServiceFixture().registered()
        let service = fixture.service
        let account = fixture.accounts.buyWithPrime[0]
        try await fixture.readyChannel("US", account, launch: false)

        let facts = OrderFacts(targetId: account.targetId)
        let ready = try await service.testRules(facts: facts)
        #expect(ready.channel == nil)
        let owner = try #require(try await service.channel("US").state.id)
        #expect(ready.verdicts.map(\.outcome) == [.holdsButChannelNotLive(channelId: owner)])

        _ = try await service.launchChannel("US", context: fixture.context)
        let live = try await service.testRules(facts: facts)
        #expect(live.channel?.name == "US")
        #expect(live.reason == .rule(name: "by-target-id", flowRevision: 0))
    }

    @Test func givenTheFlowFoldedWhenAnotherServiceChangesItThenTheNextDecisionSeesTheChange() async throws {
        let (fixture, account) = try await IntakeServiceTests.liveUS()
        let service = fixture.service
        let facts = OrderFacts(targetId: account.targetId, currencies: ["EUR"])
        #expect(try await service.testRules(facts: facts).channel?.name == "US", "the flow folded once")

        // Another process on the same store (`rules` from the CLI while `serve` runs).
        let other = try await ServiceFixture(store: fixture.store).service
        _ = try await other.deactivateFlow(context: fixture.context)
        #expect(try await service.testRules(facts: facts).channel == nil, "the deactivation folded on")
        _ = try await other.addRule(
            name: "euro", channel: nil, conditions: ["currency = EUR"], byTargetID: true, position: 1,
            context: fixture.context)
        _ = try await other.activateFlow(context: fixture.context)
        let decided = try await service.testRules(facts: facts)
        #expect(decided.channel?.name == "US" && decided.reason == .rule(name: "euro", flowRevision: 3))
        let fresh = try await ServiceFixture(store: fixture.store).service.rules()
        #expect(try await service.rules() == fresh, "the same flow as a fold from the first event")
    }

    @Test func anOrderFileReadsAsAnOrderOrAWebhookEnvelope() throws {
        let order = """
            {"id":"o-1","aliases":[{"aliasType":"EXTERNAL_ID","aliasId":"SO-1"}],
             "customer":{"bwpCustomerId":"c","email":"Ana@Example.DE"},
             "lineItems":[{"id":"a","amazonSku":"B0A","externalId":"A-1","price":{"amount":"1.00","currencyCode":"eur"}},
                          {"id":"b","amazonSku":"B0B","price":{"amount":"2.00","currencyCode":"EUR"}}]}
            """
        let facts = try OrderDocument.facts(from: Data(order.utf8), targetId: "T1")
        #expect(
            facts
                == OrderFacts(
                    targetId: "T1", aliases: ["SO-1"], currencies: ["EUR"], skus: ["B0A", "B0B"],
                    externalSkus: ["A-1"], emailDomain: "example.de"))

        let envelope = #"{"resources":["businessProduct/T2/order/o-1"],"data":{"order":"# + order + "}}"
        #expect(try OrderDocument.facts(from: Data(envelope.utf8), targetId: nil).targetId == "T2")
        #expect(try OrderDocument.facts(from: Data(envelope.utf8), targetId: "T3").targetId == "T3")
        #expect(throws: OrderDocumentError.noTargetID) {
            try OrderDocument.facts(from: Data(order.utf8), targetId: nil)
        }
        #expect(throws: OrderDocumentError.notAnOrder(nil)) {
            try OrderDocument.facts(from: Data("{}".utf8), targetId: "T")
        }
    }

    @Test func anOrderInBuyWithPrimesNestedShapeReadsTheSameFactsAsIntakeTakes() throws {
        let order = BuyWithPrimeOrder(
            id: "o-2", aliases: [OrderAlias(aliasType: "EXTERNAL_ID", aliasId: "SO-2")],
            customer: .init(bwpCustomerId: "c", name: "Ana", email: "ana@example.fr"),
            lineItems: [
                .init(
                    id: "a", quantity: 2, amazonSku: "B0FCX56PZG", externalId: "EU-1",
                    price: .init(amount: "9.90", currencyCode: "EUR")),
                .init(id: "b", amazonSku: "B0B", price: .init(amount: "1.00", currencyCode: "GBP")),
            ])
        let nested = String(decoding: try JSONEncoder().encode(BuyWithPrimeOrderWire(order)), as: UTF8.self)
        #expect(nested.contains(#""contact""#) && nested.contains(#""product""#), "the service's nested shape")
        let expected = OrderDocument.facts(of: order, targetId: "T1")
        #expect(expected.currencies == ["EUR", "GBP"] && expected.skus == ["B0FCX56PZG", "B0B"])

        // A webhook as Buy with Prime sends it (and `sandbox webhooks` prints it), an EventBridge event, a bare order.
        let webhook =
            #"{"eventDescriptor":"ORDER_CONFIRMED","resources":["businessProduct/T1/order/o-2"],"data":{"order":"#
        let bridge =
            #"{"detail-type":"ORDER_CONFIRMED","resources":["businessProduct/T1/order/o-2"],"detail":{"order":"#
        #expect(try OrderDocument.facts(from: Data((webhook + nested + "}}").utf8), targetId: nil) == expected)
        #expect(try OrderDocument.facts(from: Data((bridge + nested + "}}").utf8), targetId: nil) == expected)
        #expect(try OrderDocument.facts(from: Data(nested.utf8), targetId: "T1") == expected)

        // An envelope whose order cannot be read is not an order, though it has an `id` like one.
        let unreadable = #"{"id":"evt-1","detail-type":"ORDER_CONFIRMED","detail":{"order":{"lineItems":"none"}}}"#
        #expect(throws: OrderDocumentError.notAnOrder(nil)) {
            try OrderDocument.facts(from: Data(unreadable.utf8), targetId: "T1")
        }
    }
}
