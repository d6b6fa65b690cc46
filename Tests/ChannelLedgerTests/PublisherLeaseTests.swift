import EventSourcing
import Foundation
import Testing

@testable import ChannelLedger

/// One publisher at a time: a pass refuses while another holder's lease runs, takes an expired
/// one, and gives its own up when it ends, done or failed.
@Suite struct PublisherLeaseTests {
    @Test func aPassIsRefusedWhileAnotherHoldsTheLeaseAndRecordsNothing() async throws {
        let (fixture, _) = try await IntakeServiceTests.liveUS()  // a live channel waits for the org
        let now = Timestamp(Date())
        let until = Timestamp(millisecondsSince1970: now.millisecondsSince1970 + 60_000)
        _ = try await fixture.store.acquireLease("publisher", holder: "other-host:42 ops", now: now, until: until)
        let head = try await fixture.store.head()
        await #expect(throws: LedgerError.publisherBusy(holder: "other-host:42 ops", until: until)) {
            try await fixture.service.publish(context: fixture.context)
        }
        let status = try await fixture.service.publishStatus()
        #expect(status.leaseRunning && status.lease?.holder == "other-host:42 ops", "status names who is at work")
        #expect(try await fixture.store.head() == head)
    }

    @Test func anExpiredLeaseIsTakenAndAPassGivesItsLeaseUpWhenItEnds() async throws {
        let (fixture, _) = try await IntakeServiceTests.liveUS()
        let past = Timestamp(millisecondsSince1970: 1_000)
        _ = try await fixture.store.acquireLease(
            "publisher", holder: "crashed-host:7 ops", now: past, until: Timestamp(millisecondsSince1970: 2_000))
        let outcome = try await fixture.service.publish(context: fixture.context)
        #expect(outcome.channelsPublished == ["US"], "the expired lease was taken and the pass ran")
        let now = Timestamp(Date())
        let next = try await fixture.store.acquireLease(
            "publisher", holder: "next", now: now,
            until: Timestamp(millisecondsSince1970: now.millisecondsSince1970 + 1))
        #expect(next.holder == "next", "the pass released its lease")
    }

    @Test func aLeaseOfAProcessOfThisHostThatNoLongerRunsIsTakenAtOnce() async throws {
        let (fixture, _) = try await IntakeServiceTests.liveUS()
        let now = Timestamp(Date())
        let until = Timestamp(millisecondsSince1970: now.millisecondsSince1970 + 600_000)
        let dead =
            "\(ProcessInfo.processInfo.hostName):\(try LeaseHolderTests.pidOfAnEndedProcess()) ops 0badc0de"
            + " [machine \(try #require(LeaseHolder.currentMachine))]"
        _ = try await fixture.store.acquireLease("publisher", holder: dead, now: now, until: until)
        let outcome = try await fixture.service.publish(context: fixture.context)
        #expect(outcome.channelsPublished == ["US"], "killed mid-pass: its lease does not hold the restart up")
        #expect(try await fixture.store.lease("publisher") == nil)

        let elsewhere = "another-host:4242 ops 0badc0de"
        _ = try await fixture.store.acquireLease("publisher", holder: elsewhere, now: now, until: until)
        _ = try await fixture.service.renameChannel("US", to: "US Shop", context: fixture.context)
        await #expect(throws: LedgerError.publisherBusy(holder: elsewhere, until: until)) {
            try await fixture.service.publish(context: fixture.context)
        }
    }

    @Test func aPassWithNothingWaitingTakesNoLeaseAndCallsNothing() async throws {
        let fixture = try await ServiceFixture()  // not even a connected app: nothing could be published
        let outcome = try await fixture.service.publish(context: fixture.context)
        #expect(!outcome.changed && outcome.deferred.isEmpty)
        #expect(try await fixture.store.lease("publisher") == nil)
    }
}
