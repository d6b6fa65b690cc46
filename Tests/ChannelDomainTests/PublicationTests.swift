import ChannelDomain
import ChannelLedgerTesting
import Foundation
import Testing

@Suite("Publishing to Salesforce: what is pending and what is recorded")
struct PublicationTests {
    static let published = ChannelEvent.salesChannelPublished(
        SalesChannelPublished(salesforceId: "0bI000000000001", name: Fixture.name, targetId: Fixture.targetID))

    @Test("a channel needs publishing once launched, and no longer once published as it is")
    func channelPending() {
        #expect(!Channel.fold(Fixture.ready).needsPublication, "not before it is launched")
        #expect(Channel.fold(Fixture.live).needsPublication)
        #expect(!Channel.fold(Fixture.live + [Self.published]).needsPublication)
        #expect(Channel.fold(Fixture.live + [Self.published]).published?.salesforceId == "0bI000000000001")
    }

    @Test("a rename or a new target ID in force makes a published channel pending again")
    func channelPendingAgain() {
        let renamed = Fixture.live + [Self.published, .renamed(ChannelRenamed(from: Fixture.name, to: "EU Shop"))]
        #expect(Channel.fold(renamed).needsPublication)
        let retargeted =
            Fixture.live + [
                Self.published, Fixture.entered(targetID: "target-eu-2"), Fixture.authorized(targetID: "target-eu-2"),
            ]
        #expect(Channel.fold(retargeted).needsPublication)
        #expect(
            !Channel.fold(Fixture.live + [Self.published, Fixture.entered(targetID: "t3")]).needsPublication,
            "pending credentials are not in force")
    }

    @Test("an archived channel is not published")
    func archivedNotPending() {
        #expect(!Channel.fold(Fixture.live + [.archived(ChannelArchived())]).needsPublication)
    }

    @Test("recording a publication records SalesChannelPublished, and the same again records nothing")
    func recordChannelPublication() {
        Spec(Channel.self)
            .given(Fixture.live)
            .when(.recordPublication(salesforceId: "0bI000000000001", name: Fixture.name, targetId: Fixture.targetID))
            .then([Self.published])
        Spec(Channel.self)
            .given(Fixture.live + [Self.published])
            .when(.recordPublication(salesforceId: "0bI000000000001", name: Fixture.name, targetId: Fixture.targetID))
            .thenNothing()
    }

    @Test("a channel never launched is not published")
    func publicationNeedsLaunch() {
        Spec(Channel.self)
            .given(Fixture.ready)
            .when(.recordPublication(salesforceId: "0bI000000000001", name: Fixture.name, targetId: Fixture.targetID))
            .thenThrows(DomainError.notLive(channel: Fixture.name, status: .ready))
    }

    static let channel = UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000C1")!
    static let other = UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000C2")!
    static let received = OrderEvent.received(
        OrderReceived(orderId: "322-0000-000001", targetId: Fixture.targetID))

    @Test("an association is pending until OrderPublished names its channel; a re-association is pending again")
    func orderPending() {
        let associated: [OrderEvent] = [
            Self.received, .associated(OrderAssociated(channelId: Self.channel, reason: .upgrade)),
        ]
        #expect(!Order.fold([Self.received]).needsPublication, "nothing to publish before an association")
        #expect(Order.fold(associated).needsPublication)
        let published =
            associated + [.published(OrderPublished(salesforceId: "801000000000001", channelId: Self.channel))]
        #expect(!Order.fold(published).needsPublication)
        let moved =
            published + [
                .reassociated(OrderReassociated(from: Self.channel, to: Self.other, reason: .manual(text: "moved")))
            ]
        #expect(Order.fold(moved).needsPublication)
    }

    @Test("recording an order's publication for a channel records it once")
    func recordOrderPublication() {
        let associated: [OrderEvent] = [
            Self.received, .associated(OrderAssociated(channelId: Self.channel, reason: .upgrade)),
        ]
        let published = OrderEvent.published(OrderPublished(salesforceId: "801000000000001", channelId: Self.channel))
        Spec(Order.self)
            .given(associated)
            .when(.recordPublication(salesforceId: "801000000000001", channel: Self.channel))
            .then([published])
        Spec(Order.self)
            .given(associated + [published])
            .when(.recordPublication(salesforceId: "801000000000001", channel: Self.channel))
            .thenNothing()
    }
}

@Suite("Publication of an order that the org never takes")
struct OrderPublishFailureTests {
    static let channel = PublicationTests.channel
    static let other = PublicationTests.other
    static let associated: [OrderEvent] = [
        PublicationTests.received, .associated(OrderAssociated(channelId: channel, reason: .upgrade)),
    ]
    static let failed = OrderEvent.publishFailed(
        OrderPublishFailed(channelId: channel, attempts: 8, reason: "not in the org yet"))

    @Test("attempts run out: OrderPublishFailed, and the order is failed rather than pending")
    func attemptsRunOut() {
        Spec(Order.self)
            .given(Self.associated)
            .when(.recordPublicationFailure(channel: Self.channel, attempts: 8, reason: "not in the org yet"))
            .then([Self.failed])
        let state = Order.fold(Self.associated + [Self.failed])
        #expect(state.needsPublication && state.publicationFailed && !state.awaitsPublication)
        #expect(state.publicationFailure == Self.failed.failure)
    }

    @Test("the same failure again records nothing; another reason is recorded")
    func failingAgain() {
        Spec(Order.self)
            .given(Self.associated + [Self.failed])
            .when(.recordPublicationFailure(channel: Self.channel, attempts: 1, reason: "not in the org yet"))
            .thenNothing()
        Spec(Order.self)
            .given(Self.associated + [Self.failed])
            .when(.recordPublicationFailure(channel: Self.channel, attempts: 1, reason: "FIELD_INTEGRITY_EXCEPTION: x"))
            .then([
                .publishFailed(
                    OrderPublishFailed(channelId: Self.channel, attempts: 1, reason: "FIELD_INTEGRITY_EXCEPTION: x"))
            ])
    }

    @Test("a failure of a channel the order no longer has, or already published, records nothing")
    func staleFailures() {
        Spec(Order.self)
            .given(Self.associated)
            .when(.recordPublicationFailure(channel: Self.other, attempts: 8, reason: "not in the org yet"))
            .thenNothing()
        Spec(Order.self)
            .given(
                Self.associated + [.published(OrderPublished(salesforceId: "801000000000001", channelId: Self.channel))]
            )
            .when(.recordPublicationFailure(channel: Self.channel, attempts: 8, reason: "not in the org yet"))
            .thenNothing()
        Spec(Order.self)
            .given([PublicationTests.received])
            .when(.recordPublicationFailure(channel: Self.channel, attempts: 8, reason: "not in the org yet"))
            .thenNothing()
    }

    @Test("a failed order published later, or moved to another channel, is no longer failed")
    func failureEnds() {
        let published = Order.fold(
            Self.associated + [
                Self.failed, .published(OrderPublished(salesforceId: "801000000000001", channelId: Self.channel)),
            ])
        #expect(!published.publicationFailed && !published.needsPublication && published.publicationFailure == nil)
        let moved = Order.fold(
            Self.associated + [
                Self.failed,
                .reassociated(OrderReassociated(from: Self.channel, to: Self.other, reason: .manual(text: "moved"))),
            ])
        #expect(!moved.publicationFailed && moved.awaitsPublication && moved.publicationFailure == nil)
    }
}

extension OrderEvent {
    /// The failure an `OrderPublishFailed` carries, for comparing with a folded state.
    fileprivate var failure: OrderPublishFailed? {
        if case .publishFailed(let failed) = self { failed } else { nil }
    }
}
