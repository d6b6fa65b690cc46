import ChannelDomain
import Foundation

/// Shared values for the order and association flow tests.
enum OrderFixture {
    static let orderID = "322-ABC1-AAAAAA"
    static let eu = UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000E1")!
    static let us = UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000A1")!
    static let sealed = SealedPersonalData(
        subject: "customer:bwp-customer-1", keyId: "0011223344556677", ciphertext: "cGVyc29uYWw=")

    static let received = OrderReceived(
        orderId: orderID, targetId: "target-eu-1",
        aliases: [.init(aliasType: "EXTERNAL_ID", aliasId: "shop-1001")],
        currencies: ["EUR"], skus: ["B0SKU1", "B0SKU2"], externalSkus: ["MUG-RED"], lineCount: 2,
        totals: ["EUR": "39.98"], customerId: "bwp-customer-1", emailDomain: "Example.COM", personal: sealed)

    static let receivedEvent = OrderEvent.received(received)
    static let byRule = OrderAssociationReason.rule(name: "eu-orders", flowRevision: 3)
    static func associated(_ channel: UUID = eu, _ reason: OrderAssociationReason = byRule) -> OrderEvent {
        .associated(OrderAssociated(channelId: channel, reason: reason))
    }
    static let associatedToEU: [OrderEvent] = [receivedEvent, associated()]

    static func condition(_ text: String) -> RuleCondition {
        // Test inputs are known to parse; a failure shows up as a thrown error in the test.
        try! RuleCondition.parse(text)
    }

    static func added(
        _ name: String, channel: UUID? = nil, when conditions: [String] = [], byTargetID: Bool = false,
        position: Int? = nil
    ) -> AssociationFlowEvent {
        .ruleAdded(
            AssociationRuleAdded(
                name: name, channelId: channel, conditions: conditions.map(condition), byTargetId: byTargetID,
                position: position))
    }
}
