import ChannelDomain
import EventSourcing
import Foundation
import Testing

/// The order and association flow events on the wire: stable names, exact JSON.
@Suite("Order and flow events on the wire")
struct OrderEventCodingTests {
    typealias F = OrderFixture

    static let orderEvents: [OrderEvent] = [
        F.receivedEvent,
        .received(OrderReceived(orderId: "o-2", targetId: "t")),
        F.associated(),
        F.associated(F.us, .rule(name: "rest", flowRevision: 7, skipped: ["eu"])),
        F.associated(F.us, .manual(text: "by hand")),
        F.associated(F.us, .upgrade),
        .reassociated(OrderReassociated(from: F.eu, to: F.us, reason: .manual(text: "wrong shop"))),
        .eventReceived(OrderEventReceived(eventType: "PACKAGE_SHIPPED", eventId: "e1")),
        .published(OrderPublished(salesforceId: "801000000000001", channelId: F.us)),
        .publishFailed(OrderPublishFailed(channelId: F.us, attempts: 8, reason: "not in the org yet")),
    ]

    static let flowEvents: [AssociationFlowEvent] = [
        F.added("eu", channel: F.eu, when: ["currency in eur,gbp", "email-domain = Example.com"], position: 2),
        F.added("owner", byTargetID: true),
        .ruleRemoved(AssociationRuleRemoved(name: "eu")),
        .ruleMoved(AssociationRuleMoved(name: "owner", to: 1)),
        .activated(AssociationFlowActivated()),
        .deactivated(AssociationFlowDeactivated()),
    ]

    static func json(_ payload: some EventPayload) throws -> String {
        String(decoding: try payload.encoded(), as: UTF8.self)
    }

    @Test("every order event round-trips through the codec under its wire name", arguments: orderEvents)
    func orderRoundTrip(event: OrderEvent) throws {
        let decoded = try OrderEvent.codec.decode(
            type: event.wireName, schemaVersion: 1, payload: try event.payload.encoded())
        #expect(decoded == event)
    }

    @Test("every association flow event round-trips through the codec under its wire name", arguments: flowEvents)
    func flowRoundTrip(event: AssociationFlowEvent) throws {
        let decoded = try AssociationFlowEvent.codec.decode(
            type: event.wireName, schemaVersion: 1, payload: try event.payload.encoded())
        #expect(decoded == event)
    }

    @Test("the wire names are the payload type names, all at schema 1")
    func wireNames() throws {
        try OrderEvent.codec.validate()
        try AssociationFlowEvent.codec.validate()
        #expect(
            OrderEvent.codec.wireNames
                == [
                    "OrderAssociated", "OrderEventReceived", "OrderPublishFailed", "OrderPublished",
                    "OrderReassociated",
                    "OrderReceived",
                ])
        #expect(Set(Self.orderEvents.map(\.wireName)) == Set(OrderEvent.codec.wireNames))
        #expect(
            AssociationFlowEvent.codec.wireNames == [
                "AssociationFlowActivated", "AssociationFlowDeactivated", "AssociationRuleAdded",
                "AssociationRuleMoved", "AssociationRuleRemoved",
            ])
        #expect(Set(Self.flowEvents.map(\.wireName)) == Set(AssociationFlowEvent.codec.wireNames))
        #expect(OrderEvent.codec.schemaVersions.values.allSatisfy { $0 == 1 })
        #expect(AssociationFlowEvent.codec.schemaVersions.values.allSatisfy { $0 == 1 })
    }

    @Test("the three reason shapes, exactly")
    func reasonShapes() throws {
        #expect(
            try Self.json(OrderAssociated(channelId: F.eu, reason: .rule(name: "eu-orders", flowRevision: 3)))
                == #"{"channelId":"0192f3a0-0000-7000-8000-0000000000e1","reason":{"flowRevision":3,"kind":"rule","name":"eu-orders"}}"#
        )
        #expect(
            try Self.json(OrderAssociated(channelId: F.eu, reason: .manual(text: "by hand")))
                == #"{"channelId":"0192f3a0-0000-7000-8000-0000000000e1","reason":{"kind":"manual","text":"by hand"}}"#)
        #expect(
            try Self.json(OrderAssociated(channelId: F.eu, reason: .upgrade))
                == #"{"channelId":"0192f3a0-0000-7000-8000-0000000000e1","reason":{"kind":"upgrade"}}"#)
        #expect(
            try Self.json(
                OrderReassociated(from: F.eu, to: F.us, reason: .rule(name: "rest", flowRevision: 7, skipped: ["eu"])))
                == #"{"from":"0192f3a0-0000-7000-8000-0000000000e1","reason":{"flowRevision":7,"kind":"rule","name":"rest","skipped":["eu"]},"to":"0192f3a0-0000-7000-8000-0000000000a1"}"#
        )
    }

    @Test("the publisher's events, exactly: ids in lower case")
    func publicationShapes() throws {
        #expect(
            try Self.json(OrderPublished(salesforceId: "801000000000001", channelId: F.us))
                == #"{"channelId":"0192f3a0-0000-7000-8000-0000000000a1","salesforceId":"801000000000001"}"#)
        #expect(
            try Self.json(OrderPublishFailed(channelId: F.us, attempts: 8, reason: "not in the org yet"))
                == #"{"attempts":8,"channelId":"0192f3a0-0000-7000-8000-0000000000a1","reason":"not in the org yet"}"#)
    }

    @Test("a reason of an unknown kind does not read")
    func unknownReasonKind() {
        #expect(throws: (any Error).self) {
            try OrderEvent.codec.decode(
                type: "OrderAssociated", schemaVersion: 1,
                payload: Data(#"{"channelId":"0192f3a0-0000-7000-8000-0000000000e1","reason":{"kind":"guess"}}"#.utf8))
        }
    }

    @Test("OrderReceived: routing fields in clear, personal fields only sealed, absent optionals omitted")
    func orderReceivedJSON() throws {
        #expect(
            try Self.json(F.received)
                == #"{"aliases":[{"aliasId":"shop-1001","aliasType":"EXTERNAL_ID"}],"currencies":["EUR"],"customerId":"bwp-customer-1","emailDomain":"example.com","externalSkus":["MUG-RED"],"lineCount":2,"orderId":"322-ABC1-AAAAAA","personal":{"ciphertext":"cGVyc29uYWw=","keyId":"0011223344556677","subject":"customer:bwp-customer-1"},"skus":["B0SKU1","B0SKU2"],"targetId":"target-eu-1","totals":{"EUR":"39.98"}}"#
        )
        #expect(
            try Self.json(OrderReceived(orderId: "o", targetId: "t"))
                == #"{"aliases":[],"currencies":[],"externalSkus":[],"lineCount":0,"orderId":"o","skus":[],"targetId":"t","totals":{}}"#
        )
    }

    @Test("AssociationRuleAdded: conditions as field, op and normalized value; no channel or position when absent")
    func ruleAddedJSON() throws {
        guard case .ruleAdded(let eu) = Self.flowEvents[0], case .ruleAdded(let owner) = Self.flowEvents[1] else {
            Issue.record("fixture order changed")
            return
        }
        #expect(
            try Self.json(eu)
                == #"{"byTargetId":false,"channelId":"0192f3a0-0000-7000-8000-0000000000e1","conditions":[{"field":"currency","op":"in","value":"EUR,GBP"},{"field":"email-domain","op":"=","value":"example.com"}],"name":"eu","position":2}"#
        )
        #expect(try Self.json(owner) == #"{"byTargetId":true,"conditions":[],"name":"owner"}"#)
        #expect(try Self.json(AssociationFlowActivated()) == "{}")
    }
}
