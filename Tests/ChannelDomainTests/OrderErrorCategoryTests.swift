import ChannelDomain
import Foundation
import Testing

/// How the application classifies the order and flow errors.
@Suite("Order and flow errors")
struct OrderErrorCategoryTests {
    @Test("a missing order or rule is notFound; the other order and flow errors are refused")
    func categories() {
        let id = OrderFixture.eu
        let refused: [DomainError] = [
            .orderAlreadyAssociated(orderId: "o", channelId: id), .orderNotAssociated(orderId: "o"),
            .orderChannelNotLive(orderId: "o", channelId: id), .emptyReassociationReason(orderId: "o"),
            .invalidRuleName(name: "a b", problem: .whitespace), .ruleNameTaken(name: "A", takenBy: "a"),
            .ruleChannelMissing(rule: "a"), .ruleChannelWithTargetID(rule: "a"),
            .invalidRulePosition(rule: "a", position: 9, last: 2),
            .unknownConditionField(condition: "x = 1", field: "x"),
            .unknownConditionOperator(condition: "sku ~ 1", op: "~"), .emptyConditionValue(condition: "sku ="),
        ]
        #expect(refused.allSatisfy { $0.category == .refused })
        #expect(DomainError.orderNotFound.category == .notFound)
        #expect(DomainError.unknownRule(name: "a", known: []).category == .notFound)
    }
}
