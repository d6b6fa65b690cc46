import ChannelDomain
import ChannelLedger
import EventSourcing
import Foundation
import SandboxTransport
import Testing
import Transport

/// Orders the org does not take: tried again after a delay that doubles, given up on after the
/// attempts the settings allow (`OrderPublishFailed`), then left alone until `--retry-failed`.
/// The in-process sandbox's org lacks each account's last two orders.
@Suite struct PublisherRetryTests {
    let intake = CommandContext(actor: "subscription-1", source: "webhook")

    /// A live `US` channel with the account's last three orders associated: the org has the first.
    func usWithThreeOrders(maxAttempts: Int, retryDelay: Int) async throws -> (ServiceFixture, missing: [String]) {
        let (fixture, account) = try await IntakeServiceTests.liveUS()
        let orders = try #require(SandboxTransport.orders[account.targetId]).suffix(3)
        for (index, order) in orders.enumerated() {
            _ = try await fixture.service.receive(
                IntakeServiceTests.confirmed(order, target: account.targetId, key: "k-\(index)"), context: intake)
        }
        _ = try await fixture.service.setSetting("publish.max-attempts", to: "\(maxAttempts)", context: fixture.context)
        _ = try await fixture.service.setSetting("publish.retry-delay", to: "\(retryDelay)", context: fixture.context)
        return (fixture, orders.suffix(2).map(\.id).sorted())
    }

    @Test func anOrderTheOrgLacksIsTriedEachPassUntilItsAttemptsRunOutThenLeftAlone() async throws {
        let (fixture, missing) = try await usWithThreeOrders(maxAttempts: 3, retryDelay: 0)
        let service = fixture.service

        let first = try await service.publish(context: fixture.context)
        #expect(first.ordersPublished == 1)
        #expect(first.deferred.map(\.orderId).sorted() == missing)
        #expect(first.deferred.allSatisfy { $0.reason == "not in the org yet" && $0.attempts == 1 })
        #expect(try await fixture.store.attempts("publisher").map(\.count) == [1, 1], "kept beside the lease")
        let second = try await service.publish(context: fixture.context)
        #expect(second.deferred.map(\.attempts) == [2, 2] && !second.changed, "a failed attempt records nothing")

        let third = try await service.publish(context: fixture.context)
        #expect(third.failed.map(\.orderId).sorted() == missing && third.failuresRecorded == 2 && third.changed)
        #expect(third.deferred.isEmpty)
        #expect(try await fixture.store.attempts("publisher").isEmpty, "the outcome is in the log now")
        for order in missing {
            let events = try await fixture.store.read(stream: Streams.order(order))
            #expect(events.last?.type == "OrderPublishFailed" && events.last?.metadata.source == "publisher")
            let summary = try #require(try await service.orderSummary(order))
            #expect(summary.publicationFailed && !summary.awaitsPublication)
            #expect(
                summary.publicationFailure?.attempts == 3 && summary.publicationFailure?.reason == "not in the org yet")
        }

        let status = try await service.publishStatus()
        #expect(status.pendingOrders == 0 && status.failedOrders == 2 && status.retryingOrders == 0)
        #expect(status.firstFailedOrders.map(\.orderId).sorted() == missing)
        let unpublished = try await service.orders(OrderQuery(unpublishedOnly: true))
        #expect(unpublished.orders.map(\.orderId) == missing)

        let head = try await fixture.store.head()
        try await Self.anotherPublisherAtWork(fixture.store)
        let fourth = try await service.publish(context: fixture.context)
        #expect(fourth == PublishOutcome(), "given up on: not tried again on its own, and no lease asked for")
        try await fixture.store.releaseLease("publisher", holder: "other-host:7 ops")
        let retried = try await service.publish(context: fixture.context, retryFailed: true)
        #expect(retried.failed.map(\.orderId).sorted() == missing, "tried once more, and still not in the org")
        #expect(retried.failed.allSatisfy { $0.attempts == 4 }, "three attempts, then one more")
        #expect(retried.failuresRecorded == 0 && !retried.changed, "the same failure again records nothing")
        #expect(try await fixture.store.head() == head)
    }

    @Test func theNextAttemptWaitsForItsDelayAndTheDelayDoubles() async throws {
        let (fixture, missing) = try await usWithThreeOrders(maxAttempts: 8, retryDelay: 600)
        let before = Timestamp(Date())
        let first = try await fixture.service.publish(context: fixture.context)
        let kept = try await fixture.store.attempts("publisher")
        #expect(kept.map(\.subject) == missing && kept.allSatisfy { $0.count == 1 })
        for attempt in kept {
            let wait = attempt.retryAt.millisecondsSince1970 - attempt.lastAt.millisecondsSince1970
            #expect(wait == 600_000, "the first delay is the setting's")
            #expect(attempt.lastAt >= before)
        }
        #expect(first.deferred.allSatisfy { $0.retryAt == kept.first?.retryAt })

        try await Self.anotherPublisherAtWork(fixture.store)
        let second = try await fixture.service.publish(context: fixture.context)
        #expect(second.deferred.map(\.attempts) == [1, 1], "not due: listed as waiting, with no lease asked for")
        #expect(try await fixture.store.attempts("publisher") == kept)
        try await fixture.store.releaseLease("publisher", holder: "other-host:7 ops")

        // Due now (as if the delay had passed): the next failure waits twice as long.
        let due = kept.map { attempt in
            var attempt = attempt
            attempt.retryAt = Timestamp(millisecondsSince1970: 0)
            return attempt
        }
        try await fixture.store.saveAttempts(due, for: "publisher")
        _ = try await fixture.service.publish(context: fixture.context)
        for attempt in try await fixture.store.attempts("publisher") {
            #expect(attempt.count == 2)
            #expect(attempt.retryAt.millisecondsSince1970 - attempt.lastAt.millisecondsSince1970 == 1_200_000)
        }
        let status = try await fixture.service.publishStatus()
        #expect(status.retryingOrders == 2 && status.lastFailure?.reason == "not in the org yet")
    }

    @Test func aMoveToAnotherChannelStartsTheCountAfreshAndEndsAFailure() async throws {
        let (fixture, missing) = try await usWithThreeOrders(maxAttempts: 3, retryDelay: 0)
        let service = fixture.service
        for _ in 0..<2 { _ = try await service.publish(context: fixture.context) }  // two failed attempts each
        // A second live channel to move the orders to.
        try await fixture.readyChannel("EU", fixture.accounts.buyWithPrime[1])
        _ = try await service.reassociateOrder(
            missing[0], channel: "EU", reason: "sold by the EU shop", context: fixture.context)
        let before = try await service.publishStatus()
        #expect(before.retryingOrders == 1, "the moved order's attempts were for US: it is not retrying for EU yet")

        let next = try await service.publish(context: fixture.context)
        #expect(next.channelsPublished == ["EU"])
        #expect(next.deferred.map(\.orderId) == [missing[0]])
        #expect(next.deferred.first?.attempts == 1, "its first attempt for EU: the two for US do not count")
        #expect(next.failed.map(\.orderId) == [missing[1]] && next.failed.first?.attempts == 3, "ran out on US")

        _ = try await service.reassociateOrder(
            missing[1], channel: "EU", reason: "sold by the EU shop", context: fixture.context)
        let moved = try #require(try await service.orderSummary(missing[1]))
        #expect(moved.awaitsPublication && !moved.publicationFailed && moved.publicationFailure == nil)
        let status = try await service.publishStatus()
        #expect(status.pendingOrders == 2 && status.failedOrders == 0, "a move ends the failure")
    }

    /// Another process's running publisher lease.
    static func anotherPublisherAtWork(_ store: any EventStore) async throws {
        let now = Timestamp(Date())
        _ = try await store.acquireLease(
            "publisher", holder: "other-host:7 ops", now: now,
            until: Timestamp(millisecondsSince1970: now.millisecondsSince1970 + 600_000))
    }
}
