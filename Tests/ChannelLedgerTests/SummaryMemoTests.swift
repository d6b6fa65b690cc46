import ChannelDomain
import EventSourcing
import Foundation
import Testing

@testable import ChannelLedger

/// The memo of order summaries serves a summary only for the exact bytes it was decoded from or
/// encoded to, and what it serves is what decoding those bytes gives.
@Suite struct SummaryMemoTests {
    @Test func givenOrdersReceivedPublishedAndFailedWhenTheirSummariesAreReadThenTheMemoServesWhatDecodingGives()
        async throws
    {
        let (fixture, missing) = try await PublisherRetryTests().usWithThreeOrders(maxAttempts: 1, retryDelay: 0)
        let outcome = try await fixture.service.publish(context: fixture.context)
        #expect(outcome.ordersPublished == 1 && outcome.failed.map(\.orderId).sorted() == missing)
        let documents = try await fixture.store.documents(ReadModels.order)
        #expect(documents.count == 3)
        let decoder = EventCodecs.decoder()
        for document in documents {
            let fresh = try decoder.decode(OrderSummary.self, from: document.data)
            // What the projection remembered is what it encoded to these bytes: the same summary.
            #expect(try EventCodecs.encoder().encode(fresh) == document.data, "\(document.key) round-trips")
            // (Other suites write orders in parallel and may empty the shared memo meanwhile.)
            if let remembered = OrderProjection.memo.summary(document.key, for: document.data) {
                #expect(remembered == fresh)
            }
            #expect(try await fixture.service.orderSummaries([document.key])[document.key] == fresh)
        }
    }

    @Test func otherBytesUnderTheSameKeyAreNotServed() throws {
        let memo = SummaryMemo<String>(capacity: 2)
        memo.remember("a", Data("1".utf8), "one")
        #expect(memo.summary("a", for: Data("1".utf8)) == "one")
        #expect(memo.summary("a", for: Data("2".utf8)) == nil, "the document was written since")
        #expect(memo.summary("b", for: Data("1".utf8)) == nil)
        memo.remember("b", Data("2".utf8), "two")
        memo.remember("c", Data("3".utf8), "three")
        #expect(memo.summary("a", for: Data("1".utf8)) == nil, "emptied when full")
        #expect(memo.summary("c", for: Data("3".utf8)) == "three")
    }
}
