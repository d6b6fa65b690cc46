import ChannelDomain
import ChannelLedgerTesting
import Foundation
import Testing

/// The order stream: received once, associated with at most one channel, and only with a live one.
@Suite("Order")
struct OrderTests {
    typealias F = OrderFixture

    @Test("receiving an order records it with its email domain lower-cased")
    func receive() {
        let state = Spec(Order.self).when(.receive(F.received)).then([F.receivedEvent])
        #expect(state.received?.emailDomain == "example.com")
        #expect(state.channelId == nil, "a received order is unassociated")
    }

    @Test("receiving the same order again records nothing")
    func receiveTwice() {
        Spec(Order.self).given([F.receivedEvent]).when(.receive(F.received)).thenNothing()
    }

    @Test("associating a received order with a live channel records the channel and the reason")
    func associate() {
        let state = Spec(Order.self).given([F.receivedEvent])
            .when(.associate(channel: F.eu, channelLive: true, reason: F.byRule))
            .then([F.associated()])
        #expect(state.channelId == F.eu)
        #expect(state.reason == F.byRule)
    }

    @Test("an order that was never received cannot be associated, moved or given events")
    func notReceived() {
        Spec(Order.self).when(.associate(channel: F.eu, channelLive: true, reason: .upgrade))
            .thenThrows(DomainError.orderNotFound)
        Spec(Order.self).when(.reassociate(to: F.eu, channelLive: true, reason: "wrong shop"))
            .thenThrows(DomainError.orderNotFound)
        Spec(Order.self).when(.recordEvent(eventType: "PACKAGE_SHIPPED", eventId: "e1"))
            .thenThrows(DomainError.orderNotFound)
    }

    @Test("an order goes to a live channel only")
    func associateNotLive() {
        Spec(Order.self).given([F.receivedEvent])
            .when(.associate(channel: F.eu, channelLive: false, reason: .manual(text: "by hand")))
            .thenThrows(DomainError.orderChannelNotLive(orderId: F.orderID, channelId: F.eu))
    }

    @Test("an associated order is not associated again with another channel: that is a reassociation")
    func associateTwice() {
        Spec(Order.self).given(F.associatedToEU)
            .when(.associate(channel: F.us, channelLive: true, reason: .manual(text: "by hand")))
            .thenThrows(DomainError.orderAlreadyAssociated(orderId: F.orderID, channelId: F.eu))
    }

    @Test("associating an order again with its own channel records nothing")
    func associateSameChannel() {
        Spec(Order.self).given(F.associatedToEU)
            .when(.associate(channel: F.eu, channelLive: true, reason: .upgrade))
            .thenNothing()
    }

    @Test("reassociating moves the order to the other live channel with the reason trimmed")
    func reassociate() {
        let state = Spec(Order.self).given(F.associatedToEU)
            .when(.reassociate(to: F.us, channelLive: true, reason: "  shipped from the US shop "))
            .then([
                .reassociated(
                    OrderReassociated(from: F.eu, to: F.us, reason: .manual(text: "shipped from the US shop")))
            ])
        #expect(state.channelId == F.us, "an order has at most one channel")
    }

    @Test("reassociating needs a reason")
    func reassociateWithoutReason() {
        Spec(Order.self).given(F.associatedToEU)
            .when(.reassociate(to: F.us, channelLive: true, reason: " \n"))
            .thenThrows(DomainError.emptyReassociationReason(orderId: F.orderID))
    }

    @Test("an unassociated order is associated, not reassociated")
    func reassociateUnassociated() {
        Spec(Order.self).given([F.receivedEvent])
            .when(.reassociate(to: F.us, channelLive: true, reason: "wrong shop"))
            .thenThrows(DomainError.orderNotAssociated(orderId: F.orderID))
    }

    @Test("reassociating to the order's own channel records nothing")
    func reassociateSameChannel() {
        Spec(Order.self).given(F.associatedToEU)
            .when(.reassociate(to: F.eu, channelLive: true, reason: "again"))
            .thenNothing()
    }

    @Test("reassociating to a channel that is not live is refused")
    func reassociateNotLive() {
        Spec(Order.self).given(F.associatedToEU)
            .when(.reassociate(to: F.us, channelLive: false, reason: "wrong shop"))
            .thenThrows(DomainError.orderChannelNotLive(orderId: F.orderID, channelId: F.us))
    }

    @Test("a later Buy with Prime event is recorded once per event id")
    func recordEvent() {
        let shipped = OrderEvent.eventReceived(OrderEventReceived(eventType: "PACKAGE_SHIPPED", eventId: "e1"))
        let state = Spec(Order.self).given([F.receivedEvent])
            .when(.recordEvent(eventType: "PACKAGE_SHIPPED", eventId: "e1"))
            .then([shipped])
        #expect(state.eventIds == ["e1"])
        Spec(Order.self).given([F.receivedEvent, shipped])
            .when(.recordEvent(eventType: "PACKAGE_SHIPPED", eventId: "e1"))
            .thenNothing()
        Spec(Order.self).given(F.associatedToEU + [shipped])
            .when(.recordEvent(eventType: "RETURN_REQUESTED", eventId: "e2"))
            .then([.eventReceived(OrderEventReceived(eventType: "RETURN_REQUESTED", eventId: "e2"))])
    }

    @Test("the order's routing facts: alias ids, currencies upper-case, email domain lower-case")
    func facts() {
        let facts = OrderReceived(
            orderId: "o", targetId: "t", aliases: [.init(aliasType: "EXTERNAL_ID", aliasId: "A-1")],
            currencies: ["eur", "GBP"], skus: ["S"], externalSkus: ["X"], emailDomain: "Mail.Example.org"
        ).facts
        #expect(
            facts
                == OrderFacts(
                    targetId: "t", aliases: ["A-1"], currencies: ["EUR", "GBP"], skus: ["S"], externalSkus: ["X"],
                    emailDomain: "mail.example.org"))
        #expect(facts.currencies == ["EUR", "GBP"])
        #expect(facts.emailDomain == "mail.example.org")
    }
}
