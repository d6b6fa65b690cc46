import ChannelDomain
import ChannelLedger
import EventSourcing
import Foundation
import SandboxTransport
import Synchronization
import Testing
import Transport

/// A pass over more orders than one composite request takes: pages of 25, read, sent and recorded
/// in three stages, reported in index order, each order recorded once, decided on the summaries.
@Suite struct PublisherPagesTests {
    let intake = CommandContext(actor: "subscription-1", source: "webhook")

    @Test func givenSixtyOrdersWhenAPassPublishesThenEachIsRecordedOnceAndReportedInIndexOrder() async throws {
        let racing = RacingStore(inner: InMemoryEventStore(projections: LedgerService.projections)) {}
        let (fixture, account) = try await IntakeServiceTests.liveUS(on: racing)
        let service = fixture.service
        _ = try await service.publish(context: fixture.context)  // the channel itself
        // The org has the account's first 18 seeded orders; 42 more it has not seen, between them.
        let seeded = try #require(SandboxTransport.orders[account.targetId]).prefix(18)
        var orders = Array(seeded)
        for index in 0..<42 {
            var order = seeded[seeded.startIndex + index % 18]
            order.id = String(format: "322-%@-%06d", index % 2 == 0 ? "0AAA" : "ZZZZ", index)
            orders.append(order)
        }
        for (index, order) in orders.enumerated() {
            _ = try await service.receive(
                IntakeServiceTests.confirmed(order, target: account.targetId, key: "k-\(index)"), context: intake)
        }
        let unknown = orders.dropFirst(18).map(\.id).sorted()
        let readsBefore = await racing.streamReads

        let outcome = try await service.publish(context: fixture.context)

        #expect(outcome.ordersPublished == 18)
        #expect(outcome.deferred.map(\.orderId) == unknown, "reported in index order across three pages")
        #expect(outcome.deferred.allSatisfy { $0.reason == "not in the org yet" && $0.attempts == 1 })
        let read = await racing.streamsRead.dropFirst(readsBefore)
        #expect(
            read.filter { $0.category == Streams.orderCategory }.isEmpty,
            "every record decided on the summaries read, no order stream folded: \(read)")
        #expect(try await fixture.store.attempts("publisher").map(\.subject).sorted() == unknown)
        for order in orders {
            let types = try await fixture.store.read(stream: Streams.order(order.id)).map(\.type)
            let published = unknown.contains(order.id) ? 0 : 1
            #expect(types.filter { $0 == "OrderPublished" }.count == published, "\(order.id): \(types)")
        }
        let again = try await service.publish(context: fixture.context)
        #expect(again.ordersPublished == 0 && !again.changed, "nothing recorded twice")
    }

    @Test func givenABatchWhoseRecordFailsWhenAPassPublishesThenNoBatchAfterItIsRecordedAndThePassFails() async throws {
        // The rival fails the first multi-stream append once armed: the pass's first record.
        let armed = Mutex(false)
        let racing = RacingStore(inner: InMemoryEventStore(projections: LedgerService.projections), batches: true) {
            if armed.withLock({ $0 }) { throw RecordFailure() }
        }
        let (fixture, us) = try await IntakeServiceTests.liveUS(on: racing)
        let service = fixture.service
        let eu = fixture.accounts.buyWithPrime[1]
        try await fixture.readyChannel("EU", eu)
        _ = try await service.publish(context: fixture.context)  // the channels themselves
        // Both accounts' seeded orders (the org has the first 18 of each): two pages, two batches to record.
        var orders: [String] = []
        for account in [us, eu] {
            for order in try #require(SandboxTransport.orders[account.targetId]) {
                _ = try await service.receive(
                    IntakeServiceTests.confirmed(order, target: account.targetId, key: "k-\(order.id)"),
                    context: intake)
                orders.append(order.id)
            }
        }
        #expect(orders.count > PublisherPagesTests.pageSize)
        armed.withLock { $0 = true }
        await racing.rearm()

        await #expect(throws: RecordFailure.self) { try await service.publish(context: fixture.context) }
        for order in orders {
            let types = try await fixture.store.read(stream: Streams.order(order)).map(\.type)
            #expect(!types.contains("OrderPublished"), "\(order): a batch after the failed one waits for it")
        }

        // The org has 18 of each account's 20 seeded orders: 36 to publish, 4 to wait for.
        let next = try await service.publish(context: fixture.context)
        #expect(next.ordersPublished == 36, "the next pass records them, once")
        #expect(next.deferred.count == 4)
    }

    /// How many orders one composite request takes (the publisher's batch size).
    static let pageSize = 25

    struct RecordFailure: Error {}
}
