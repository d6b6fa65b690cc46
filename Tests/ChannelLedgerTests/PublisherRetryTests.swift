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
        let fourth = try await service.publish(context: fixture.context)
        #expect(fourth == PublishOutcome(), "given up on: not tried again on its own")
        #expect(try await fixture.store.lease("publisher") == nil, "nothing waited, so no lease was taken")
        let retried = try await service.publish(context: fixture.context, retryFailed: true)
        #expect(retried.failed.map(\.orderId).sorted() == missing, "tried once more, and still not in the org")
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

        let second = try await fixture.service.publish(context: fixture.context)
        #expect(second.deferred.map(\.attempts) == [1, 1], "not due: waits without an attempt")
        #expect(try await fixture.store.attempts("publisher") == kept)

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

    @Test func aMoveToAnotherChannelEndsAFailureAndStartsTheCountAfresh() async throws {
        let (fixture, missing) = try await usWithThreeOrders(maxAttempts: 1, retryDelay: 0)
        let service = fixture.service
        let failed = try await service.publish(context: fixture.context)
        #expect(failed.failed.map(\.orderId).sorted() == missing)
        // A second live channel to move the order to.
        let account = fixture.accounts.buyWithPrime[1]
        _ = try await service.createChannel(named: "EU", transport: "sandbox", context: fixture.context)
        _ = try await service.enterCredentials(
            "EU", clientID: account.clientId, targetID: account.targetId, secret: { Secret(account.clientSecret) },
            context: fixture.context)
        _ = try await service.authorizeChannel("EU", context: fixture.context)
        _ = try await service.activateMappings("EU", names: nil, context: fixture.context)
        _ = try await service.launchChannel("EU", context: fixture.context)
        _ = try await service.reassociateOrder(
            missing[0], channel: "EU", reason: "sold by the EU shop", context: fixture.context)

        let moved = try #require(try await service.orderSummary(missing[0]))
        #expect(moved.awaitsPublication && !moved.publicationFailed && moved.publicationFailure == nil)
        let status = try await service.publishStatus()
        #expect(status.pendingOrders == 1 && status.failedOrders == 1)
        let next = try await service.publish(context: fixture.context)
        #expect(next.channelsPublished == ["EU"])
        #expect(next.failed.map(\.orderId) == [missing[0]], "its one attempt for EU, counted afresh")
    }
}
