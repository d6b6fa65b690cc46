import ChannelDomain
import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@testable import ChannelLedger

/// An order summary, and the receipt inside it, write their own compact encoding (decision 34):
/// the bytes must be those of their `Encodable` conformance, or documents written by this version
/// and by a rebuild, or by another process, would differ and the memo of summaries would miss.
@Suite struct OrderSummaryEncodingTests {
    static let channel = UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000C1")!

    /// Every field set: no nil optional, no empty list.
    static let full: OrderSummary = {
        let received = OrderReceived(
            orderId: "322-A", targetId: "T-1", aliases: [.init(aliasType: "EXTERNAL_ID", aliasId: "A/1")],
            currencies: ["USD", "EUR"], skus: ["B0", "B1"], externalSkus: ["E-1"], lineCount: 2,
            totals: ["USD": "1.50", "EUR": "2.00", "AUD": "0"], customerId: "c-1", emailDomain: "example.com",
            personal: SealedPersonalData(subject: "customer:c-1", keyId: "k1", ciphertext: "c2VhbGVk"))
        return OrderSummary(
            received: received, channelId: channel, reason: .rule(name: "by-target-id", flowRevision: 3),
            laterEvents: 2, lastEventType: "ORDER_DELIVERED", version: 7,
            receivedAt: Timestamp(millisecondsSince1970: 1_733_000_000_000),
            updatedAt: Timestamp(millisecondsSince1970: 1_733_000_123_456), publishedChannelId: UUID(),
            salesforceId: "801A", publicationFailure: OrderPublishFailed(channelId: channel, attempts: 3, reason: "no"))
    }()

    /// As the intake of an order with nothing but its ids leaves it.
    static let bare = OrderSummary(
        received: OrderReceived(orderId: "322-B", targetId: ""), channelId: nil, reason: nil, laterEvents: 0,
        lastEventType: nil, version: 1, receivedAt: Timestamp(millisecondsSince1970: 0),
        updatedAt: Timestamp(millisecondsSince1970: -1))

    /// Fields that are nil or empty in `value`, by name.
    static func unset(_ value: Any) -> [String] {
        Mirror(reflecting: value).children.compactMap { child in
            let inner = Mirror(reflecting: child.value)
            let empty =
                inner.displayStyle == .optional
                ? inner.children.isEmpty : (child.value as? any Collection)?.isEmpty == true
            return empty ? child.label : nil
        }
    }

    @Test func theFullFixtureSetsEveryFieldSoThatAFieldAddedLaterIsCompared() {
        #expect(Self.unset(Self.full).isEmpty, "set these in the fixture: \(Self.unset(Self.full))")
        #expect(Self.unset(Self.full.received).isEmpty, "set these in the fixture: \(Self.unset(Self.full.received))")
    }

    @Test(arguments: [full, bare])
    func aSummaryWritesTheBytesItsEncodableConformanceWrites(_ summary: OrderSummary) throws {
        let written = try ReadModelCodecs.encoder().encode(summary)
        #expect(written == (try ReadModelCodecs.encoder().encode(ThroughEncodable(summary))))
        #expect(try ReadModelCodecs.decoder().decode(OrderSummary.self, from: written) == summary)
        let receipt = try ReadModelCodecs.encoder().encode(summary.received)
        #expect(receipt == (try ReadModelCodecs.encoder().encode(ThroughEncodable(summary.received))))
    }
}
