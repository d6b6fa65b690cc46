import ChannelDomain
import EventSourcing
import Foundation
import Testing

@testable import ChannelLedger

/// The memo of order summaries serves a summary only for the exact bytes it was decoded from or
/// encoded to, and what it serves is what decoding those bytes gives.
@Suite struct SummaryMemoTests {
    static let channel = UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000C1")!
    static let context = CommandContext(actor: "ops", source: "publisher")

    @Test func givenSummariesTheProjectionWroteWhenTheyAreReadThenTheMemoServesWhatDecodingGives() async throws {
        let memo = SummaryMemo<OrderSummary>(capacity: 100)
        let store = InMemoryEventStore(projections: [OrderProjection(memo: memo)])
        let personal = SealedPersonalData(subject: "customer:c-1", keyId: "k1", ciphertext: "c2VhbGVk")
        let received = OrderReceived(
            orderId: "322-A", targetId: "T", aliases: [.init(aliasType: "EXTERNAL_ID", aliasId: "A/1")],
            currencies: ["EUR", "USD"], skus: ["B0"], externalSkus: ["E-1"], lineCount: 2,
            totals: ["USD": "1.50", "EUR": "2.00"], customerId: "c-1", emailDomain: "Example.COM", personal: personal)
        try await store.append(
            try Self.context.newEvents([received, OrderAssociated(channelId: Self.channel, reason: .upgrade)]),
            to: Streams.order("322-A"), expected: .noStream)
        try await store.append(
            try Self.context.newEvents([
                OrderPublishFailed(channelId: Self.channel, attempts: 3, reason: "not in the org yet"),
                OrderPublished(salesforceId: "801A", channelId: Self.channel),
            ]), to: Streams.order("322-A"), expected: .at(2))
        let data = try #require(try await store.document(ReadModels.order, key: "322-A"))
        let fresh = try ReadModelCodecs.decoder().decode(OrderSummary.self, from: data)
        #expect(fresh.publishedChannelId == Self.channel && fresh.salesforceId == "801A" && fresh.version == 4)
        let remembered = try #require(memo.value("322-A", for: data), "the projection remembers what it wrote")
        #expect(remembered == fresh, "what it encoded decodes to itself")
        #expect(try ReadModelCodecs.encoder().encode(fresh) == data)
    }

    @Test func otherBytesUnderTheSameKeyAreNotServed() throws {
        let memo = SummaryMemo<String>(capacity: 2)
        memo.remember("a", Data("1".utf8), "one")
        #expect(memo.value("a", for: Data("1".utf8)) == "one")
        #expect(memo.value("a", for: Data("2".utf8)) == nil, "the document was written since")
        #expect(memo.value("b", for: Data("1".utf8)) == nil)
        memo.remember("b", Data("2".utf8), "two")
        memo.remember("c", Data("3".utf8), "three")
        #expect(memo.value("a", for: Data("1".utf8)) == nil, "emptied when full")
        #expect(memo.value("c", for: Data("3".utf8)) == "three")
    }
}
