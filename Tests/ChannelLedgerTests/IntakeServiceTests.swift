import ChannelDomain
@_spi(Testing) import ChannelLedger
import EventSourcing
import Foundation
import LedgerWiring
import SandboxTransport
import Testing
import Transport

/// Intake through the service: exactly once per idempotency key, the flow's channel and reason,
/// personal fields sealed under the customer's key.
@Suite struct IntakeServiceTests {
    let intake = CommandContext(actor: "subscription-1", source: "webhook")

    /// A ledger (on `store`, else in memory) with the demo channel `US` live on the first sandbox account.
    static func liveUS(on store: (any EventStore)? = nil) async throws -> (ServiceFixture, BuyWithPrimeAccount) {
        let fixture = try await ServiceFixture(store: store).registered()
        let account = fixture.accounts.buyWithPrime[0]
        try await fixture.readyChannel("US", account)
        return (fixture, account)
    }

    static func confirmed(_ order: BuyWithPrimeOrder?, id: String? = nil, target: String, key: String)
        -> BuyWithPrimeEvent
    {
        BuyWithPrimeEvent(
            idempotencyKey: key, eventType: BuyWithPrimeEvent.orderConfirmed, eventId: "evt-" + key, targetId: target,
            orderId: id ?? order?.id, order: order)
    }

    @Test func anOrderOfALiveChannelsTargetIsReceivedAndAssociatedInOneAppend() async throws {
        let (fixture, account) = try await Self.liveUS()
        let order = try #require(SandboxTransport.orders[account.targetId]?.first)
        let before = try await fixture.store.head().position

        let outcome = try await fixture.service.receive(
            Self.confirmed(order, target: account.targetId, key: "k-1"), context: intake)

        let us = try #require(try await fixture.service.channel("US").state.id)
        #expect(outcome.kind == .recorded && outcome.channelId == us)
        #expect(outcome.reason == .rule(name: "by-target-id", flowRevision: 0))
        let events = try await fixture.store.read(stream: Streams.order(order.id))
        #expect(events.map(\.type) == ["OrderReceived", "OrderAssociated"])
        #expect(events.map(\.position) == [before + 1, before + 2])
        let causation = LedgerService.causationID(ofDelivery: "k-1")
        #expect(events.allSatisfy { $0.metadata.causationID == causation && $0.metadata.source == "webhook" })
        #expect(events.allSatisfy { $0.metadata.actor == "subscription-1" })
        let summary = try await fixture.service.order(order.id)
        #expect(summary.channelId == us && summary.received.targetId == account.targetId)
        #expect(summary.received.lineCount == order.lineItems.count)
    }

    @Test func personalFieldsAreSealedUnderTheCustomersKeyAndNeverRecordedInClear() async throws {
        let (fixture, account) = try await Self.liveUS()
        let order = try #require(SandboxTransport.orders[account.targetId]?.first)
        let customer = try #require(order.customer)
        let name = try #require(customer.name)
        let email = try #require(customer.email)
        var second = try #require(SandboxTransport.orders[account.targetId]?[1])
        second.customer = customer  // the same customer orders again

        _ = try await fixture.service.receive(
            Self.confirmed(order, target: account.targetId, key: "a"), context: intake)
        _ = try await fixture.service.receive(
            Self.confirmed(second, target: account.targetId, key: "b"), context: intake)

        let log = try await fixture.store.readAll(after: 0, limit: 1_000)
        for event in log {
            let text = String(decoding: event.payload, as: UTF8.self)
            #expect(!text.contains(name) && !text.contains(email.split(separator: "@")[0]), "\(event.type)")
        }
        let subject = SealedPersonalData.subject(customerId: try #require(customer.bwpCustomerId))
        let first = try await fixture.service.order(order.id)
        let again = try await fixture.service.order(second.id)
        #expect(first.received.personal?.subject == subject && again.received.personal?.subject == subject)
        #expect(first.received.emailDomain == String(email.split(separator: "@")[1]))
        #expect(try await fixture.store.subjectKey(subject) != nil)
        #expect(
            try await fixture.service.personalFields(of: again) == .known(PersonalData(name: name, email: email)))
    }

    @Test func aDeliveryAgainRecordsNothingAndAnswersFromWhatWasRecorded() async throws {
        let (fixture, account) = try await Self.liveUS()
        let order = try #require(SandboxTransport.orders[account.targetId]?.first)
        let event = Self.confirmed(order, target: account.targetId, key: "same")
        let first = try await fixture.service.receive(event, context: intake)
        let head = try await fixture.store.head()

        let again = try await fixture.service.receive(event, context: intake)
        // Another key for the same order: the first snapshot and association stand.
        let other = try await fixture.service.receive(
            Self.confirmed(order, target: account.targetId, key: "other"), context: intake)

        #expect(again.kind == .duplicate && again.channelId == first.channelId && again.orderId == order.id)
        #expect(other.kind == .duplicate && other.channelId == first.channelId)
        #expect(try await fixture.store.head() == head)
    }

    @Test func aKeyAlreadyClaimedByAnotherOrdersDeliveryRecordsNothingAndAnswersForTheFirstOrder() async throws {
        let (fixture, account) = try await Self.liveUS()
        let orders = try #require(SandboxTransport.orders[account.targetId])
        let first = try await fixture.service.receive(
            Self.confirmed(orders[0], target: account.targetId, key: "reused"), context: intake)
        let head = try await fixture.store.head()

        // A sender that reuses a key for another order: the key names the first delivery.
        let again = try await fixture.service.receive(
            Self.confirmed(orders[1], target: account.targetId, key: "reused"), context: intake)

        #expect(first.kind == .recorded)
        #expect(again.kind == .duplicate && again.orderId == orders[0].id && again.channelId == first.channelId)
        #expect(try await fixture.store.head() == head)
        #expect(try await fixture.store.read(stream: Streams.order(orders[1].id)).isEmpty)
    }

    @Test func aThinEventIsCompletedThroughTheOwningChannelsTransport() async throws {
        let (fixture, account) = try await Self.liveUS()
        let order = try #require(SandboxTransport.orders[account.targetId]?[2])

        let outcome = try await fixture.service.receive(
            Self.confirmed(nil, id: order.id, target: account.targetId, key: "thin"), context: intake)

        #expect(outcome.kind == .recorded && outcome.channelId != nil)
        let summary = try await fixture.service.order(order.id)
        #expect(summary.received.skus == order.lineItems.compactMap(\.amazonSku))
        #expect(summary.received.customerId == order.customer?.bwpCustomerId)
    }

    @Test func anOrderTheTransportCannotFindYetRecordsNothing() async throws {
        let (fixture, account) = try await Self.liveUS()
        let head = try await fixture.store.head()

        await #expect(throws: IntakeError.orderNotYetAvailable(orderId: "322-NOPE-000000")) {
            try await fixture.service.receive(
                Self.confirmed(nil, id: "322-NOPE-000000", target: account.targetId, key: "k"), context: self.intake)
        }
        #expect(try await fixture.store.head() == head)
    }

    @Test func anOrderForATargetNoChannelOwnsIsReceivedUnassociated() async throws {
        let (fixture, _) = try await Self.liveUS()
        let stranger = try #require(SandboxTransport.orders[fixture.accounts.buyWithPrime[2].targetId]?.first)

        let snapshot = try await fixture.service.receive(
            Self.confirmed(stranger, target: "UNOWNED1", key: "s"), context: intake)
        let bare = try await fixture.service.receive(
            Self.confirmed(nil, id: "322-BARE-000001", target: "UNOWNED1", key: "t"), context: intake)

        #expect(snapshot.kind == .recorded && snapshot.channelId == nil)
        #expect(bare.kind == .recorded && bare.channelId == nil)
        #expect(try await fixture.service.order("322-BARE-000001").received.lineCount == 0)
        let page = try await fixture.service.orders(OrderQuery(unassociatedOnly: true))
        #expect(page.orders.map(\.orderId) == ["322-BARE-000001", stranger.id].sorted())
    }

    @Test func laterEventsAreRecordedOnceOnAKnownOrderAndAcknowledgedOtherwise() async throws {
        let (fixture, account) = try await Self.liveUS()
        let order = try #require(SandboxTransport.orders[account.targetId]?.first)
        _ = try await fixture.service.receive(
            Self.confirmed(order, target: account.targetId, key: "c"), context: intake)
        let shipped = BuyWithPrimeEvent(
            idempotencyKey: "d", eventType: "PACKAGE_DELIVERED", eventId: "e-1", targetId: account.targetId,
            orderId: order.id)

        let first = try await fixture.service.receive(shipped, context: intake)
        let again = try await fixture.service.receive(shipped, context: intake)
        var unknown = shipped
        unknown.idempotencyKey = "u"
        unknown.orderId = "322-UNKN-000000"
        let acknowledged = try await fixture.service.receive(unknown, context: intake)

        #expect(first.kind == .recorded && again.kind == .duplicate && acknowledged.kind == .acknowledged)
        let events = try await fixture.store.read(stream: Streams.order(order.id))
        #expect(events.map(\.type) == ["OrderReceived", "OrderAssociated", "OrderEventReceived"])
        #expect(try await fixture.store.version(of: Streams.order("322-UNKN-000000")) == 0)
        #expect(try await fixture.service.order(order.id).lastEventType == "PACKAGE_DELIVERED")
    }

    @Test func anInactiveFlowLeavesOrdersUnassociatedUntilReassessed() async throws {
        let (fixture, account) = try await Self.liveUS()
        _ = try await fixture.service.deactivateFlow(context: fixture.context)
        let orders = try #require(SandboxTransport.orders[account.targetId]?.prefix(3))
        for (index, order) in orders.enumerated() {
            let outcome = try await fixture.service.receive(
                Self.confirmed(order, target: account.targetId, key: "r\(index)"), context: intake)
            #expect(outcome.channelId == nil)
        }

        let idle = try await fixture.service.reassessOrders(context: fixture.context)
        _ = try await fixture.service.activateFlow(context: fixture.context)
        let active = try await fixture.service.reassessOrders(context: fixture.context)

        #expect(idle == ReassessSummary(examined: 3, associated: 0))
        #expect(active == ReassessSummary(examined: 3, associated: 3))
        let us = try await fixture.service.channel("US").state.id
        let page = try await fixture.service.orders(OrderQuery(channel: "US"))
        #expect(page.orders.count == 3 && page.orders.allSatisfy { $0.channelId == us })
        #expect(page.orders.allSatisfy { $0.reason == .rule(name: "by-target-id", flowRevision: 2) })
    }

    @Test func ordersAreAssociatedAndMovedByHandOnlyToLiveChannels() async throws {
        let (fixture, _) = try await Self.liveUS()
        _ = try await fixture.service.createChannel(named: "EU", transport: "sandbox", context: fixture.context)
        _ = try await fixture.service.receive(
            Self.confirmed(nil, id: "322-HAND-000001", target: "UNOWNED1", key: "h"), context: intake)

        await #expect(
            throws: LedgerError.orderChannelNotLive(orderId: "322-HAND-000001", channel: "EU", status: .draft)
        ) {
            try await fixture.service.associateOrder(
                "322-HAND-000001", channel: "EU", reason: nil, context: fixture.context)
        }
        let associated = try await fixture.service.associateOrder(
            "322-HAND-000001", channel: "US", reason: "  wholesale  ", context: fixture.context)
        let again = try await fixture.service.associateOrder(
            "322-HAND-000001", channel: "US", reason: nil, context: fixture.context)

        #expect(associated.changed && !again.changed)
        #expect(associated.view.reason == .manual(text: "wholesale"))
        await #expect(
            throws: LedgerError.orderChannelNotLive(orderId: "322-HAND-000001", channel: "EU", status: .draft)
        ) {
            try await fixture.service.reassociateOrder(
                "322-HAND-000001", channel: "EU", reason: "moved", context: fixture.context)
        }
        await #expect(throws: LedgerError.orderAlreadyAssociated(orderId: "322-HAND-000001", channel: "US")) {
            try await fixture.service.associateOrder(
                "322-HAND-000001", channel: "EU", reason: nil, context: fixture.context)
        }
        await #expect(throws: LedgerError.orderNotFound("nope")) {
            try await fixture.service.associateOrder("nope", channel: "US", reason: nil, context: fixture.context)
        }
    }
}

extension IntakeServiceTests {
    @Test func ordersArePagedThroughTheChannelIndexWhichFollowsEveryMoveAndRebuildsTheSame() async throws {
        let (fixture, account) = try await Self.liveUS()
        let service = fixture.service
        let seeded = try #require(SandboxTransport.orders[account.targetId])
        for (index, order) in seeded.enumerated() {
            _ = try await service.receive(
                Self.confirmed(order, target: account.targetId, key: "p\(index)"), context: intake)
        }
        let stranger = "322-ZZZZ-000001"
        _ = try await service.receive(Self.confirmed(nil, id: stranger, target: "UNOWNED1", key: "z"), context: intake)

        // Pages of 3 through US's orders: every order once, in id order.
        var seen: [String] = []
        var after: String?
        repeat {
            let page = try await service.orders(OrderQuery(channel: "US", limit: 3, after: after))
            #expect(page.orders.count <= 3)
            seen += page.orders.map(\.orderId)
            after = page.next
        } while after != nil
        #expect(seen == seeded.map(\.id).sorted())

        // A move by hand moves the order in the index.
        _ = try await service.associateOrder(stranger, channel: "US", reason: "by hand", context: fixture.context)
        #expect(try await service.orders(OrderQuery(unassociatedOnly: true)).orders.isEmpty)
        #expect(try await service.orders(OrderQuery(channel: "US", limit: 100)).orders.count == seeded.count + 1)

        // A rebuild from the log writes the same documents and index.
        func index() async throws -> [ReadModelClaim] {
            try await fixture.store.claims(ReadModels.orderChannelIndex, prefix: "", after: nil, limit: 1_000)
        }
        let before = (try await fixture.store.documents(ReadModels.order), try await index())
        #expect(before.1.count == seeded.count + 1)
        #expect(before.1.allSatisfy { $0.value.hasSuffix("/" + $0.owner) })
        _ = try await service.rebuild([OrderProjection()], restart: true)
        #expect(try await fixture.store.documents(ReadModels.order) == before.0)
        #expect(try await index() == before.1)
    }
}

/// Intake under concurrency on a real SQLite file: the retry paths (a version conflict, a claim
/// taken meanwhile, another writer's key for the same customer) end in exactly one record.
@Suite struct IntakeConcurrencyTests {
    let intake = CommandContext(actor: "subscription-1", source: "webhook")

    static func liveUSOnSQLite() async throws -> (ServiceFixture, BuyWithPrimeAccount, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (store, _) = try await SQLiteStoreProvider().create(
            folder.appendingPathComponent("ledger.sqlite").path, projections: LedgerService.projections)
        let (fixture, account) = try await IntakeServiceTests.liveUS(on: store)
        return (fixture, account, folder)
    }

    @Test func tenDeliveriesOfOneKeyAtOnceRecordTheOrderOnce() async throws {
        let (fixture, account, folder) = try await Self.liveUSOnSQLite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let order = try #require(SandboxTransport.orders[account.targetId]?.first)
        let event = IntakeServiceTests.confirmed(order, target: account.targetId, key: "same-key")
        let service = fixture.service
        let intake = intake

        let kinds = try await withThrowingTaskGroup(of: IntakeOutcome.Kind.self) { group in
            for _ in 0..<10 { group.addTask { try await service.receive(event, context: intake).kind } }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(kinds.filter { $0 == .recorded }.count == 1, "\(kinds)")
        #expect(kinds.filter { $0 == .duplicate }.count == 9, "\(kinds)")
        #expect(
            try await fixture.store.read(stream: Streams.order(order.id)).map(\.type) == [
                "OrderReceived", "OrderAssociated",
            ])
    }

    @Test func aNewCustomersFirstOrdersAtOnceShareOneKey() async throws {
        let (fixture, account, folder) = try await Self.liveUSOnSQLite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let seeded = try #require(SandboxTransport.orders[account.targetId])
        let customer = try #require(seeded[0].customer)
        let orders = seeded.prefix(6).map { order -> BuyWithPrimeOrder in
            var order = order
            order.customer = customer
            return order
        }
        let service = fixture.service
        let intake = intake

        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, order) in orders.enumerated() {
                group.addTask {
                    let outcome = try await service.receive(
                        IntakeServiceTests.confirmed(order, target: account.targetId, key: "k\(index)"), context: intake
                    )
                    #expect(outcome.kind == .recorded)
                }
            }
            try await group.waitForAll()
        }

        let subject = SealedPersonalData.subject(customerId: try #require(customer.bwpCustomerId))
        let key = try #require(try await fixture.store.subjectKey(subject))
        for order in orders {
            let summary = try await service.order(order.id)
            #expect(summary.received.personal?.keyId == Vault.keyId(of: key), "sealed under the one stored key")
            #expect(
                try await service.personalFields(of: summary)
                    == .known(PersonalData(name: customer.name, email: customer.email)))
        }
    }
}
