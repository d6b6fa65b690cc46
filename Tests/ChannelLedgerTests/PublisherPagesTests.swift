import ChannelDomain
import EventSourcing
import Foundation
import SandboxTransport
import Synchronization
import Testing
import Transport

@testable import ChannelLedger

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

    @Test func givenThreePagesWhenAPassPublishesThenAPagesCallStartsBeforeTheOneBeforeItAnswers() async throws {
        let watch = OverlapWatch()
        let (fixture, _) = try await threePages(watchedBy: watch)

        let outcome = try await fixture.service.publish(context: fixture.context)

        #expect(outcome.ordersPublished == 18 && outcome.deferred.count == 42)
        #expect(watch.calls == 3)
        #expect(watch.overlapped, "the second page's call started while the first one's was still out")
    }

    @Test func givenMorePagesThanCallsInFlightWhenAPassPublishesThenAtMostTheLimitAreOutAtOnce() async throws {
        // Every write is held until the limit is out (at most 30 s: a loaded machine reads pages
        // slowly), then 200 ms more, time enough for a publisher that sends one page too many to
        // send it; one that keeps to the limit never does.
        let limit = LedgerService.publishCallsInFlight
        let watch = OverlapWatch(heldUntilOut: limit, thenFor: .milliseconds(200))
        let pages = limit + 2
        let (fixture, _) = try await threePages(watchedBy: watch, count: pages * Self.pageSize)

        let outcome = try await fixture.service.publish(context: fixture.context)

        #expect(outcome.ordersPublished == 18 && watch.calls == pages)
        #expect(watch.mostInFlight == limit, "as many pages out as allowed, no more")
    }

    @Test func givenASecondPageTheOrgFailsWhenAPassPublishesThenOnlyTheFirstPageIsRecordedAndThePassFails() async throws
    {
        let watch = OverlapWatch(failing: 2)
        let (fixture, orders) = try await threePages(watchedBy: watch)
        let firstPage = Set(orders.sorted().prefix(Self.pageSize))

        await #expect(throws: TransportError.self) { try await fixture.service.publish(context: fixture.context) }
        var recorded: Set<String> = []
        for order in orders {
            let types = try await fixture.store.read(stream: Streams.order(order)).map(\.type)
            if types.contains("OrderPublished") { recorded.insert(order) }
        }
        #expect(!recorded.isEmpty && recorded.isSubset(of: firstPage), "nothing after the failed page: \(recorded)")

        watch.failing.withLock { $0 = nil }
        let next = try await fixture.service.publish(context: fixture.context)
        #expect(next.ordersPublished + recorded.count == 18, "the rest once, by the next pass")
    }

    @Test(.timeLimit(.minutes(1)))
    func givenACallTheOrgHoldsWhenThePassIsCancelledThenTheCallIsCancelledAndNothingIsRecorded() async throws {
        let watch = OverlapWatch(holding: .seconds(60))
        let (fixture, orders) = try await threePages(watchedBy: watch)

        let pass = Task { try await fixture.service.publish(context: fixture.context) }
        while watch.calls == 0 { try await Task.sleep(for: .milliseconds(5)) }
        pass.cancel()

        await #expect(throws: CancellationError.self) { try await pass.value }
        #expect(watch.cancelled, "the held call was cancelled, not waited out")
        for order in orders {
            let types = try await fixture.store.read(stream: Streams.order(order)).map(\.type)
            #expect(!types.contains("OrderPublished"), "\(order): a cancelled pass records nothing")
        }
    }

    /// A ledger whose connected app goes through `watch`, with `count` orders of its live channel
    /// waiting (60: three pages), 18 of them in the org; returns their ids.
    private func threePages(watchedBy watch: OverlapWatch, count: Int = 60) async throws -> (ServiceFixture, [String]) {
        let watched = TransportDescriptor(
            name: "watched", summary: "the sandbox, its order writes watched", buyWithPrime: SandboxTransport(),
            salesforce: watch, capabilities: SandboxTransport.descriptor.capabilities)
        let fixture = try await ServiceFixture(transports: [watched])
        let app = fixture.accounts.salesforce
        _ = try await fixture.service.registerConnectedApp(
            consumerKey: app.consumerKey, myDomain: app.myDomain, secret: { Secret(app.consumerSecret) },
            transport: "watched", context: fixture.context)
        let account = fixture.accounts.buyWithPrime[0]
        try await fixture.readyChannel("US", account)
        _ = try await fixture.service.publish(context: fixture.context)  // the channel itself
        let seeded = try #require(SandboxTransport.orders[account.targetId]).prefix(18)
        var orders: [String] = []
        for index in 0..<count {
            var order = seeded[seeded.startIndex + index % 18]
            if index >= 18 { order.id = String(format: "322-PIPE-%06d", index) }
            _ = try await fixture.service.receive(
                IntakeServiceTests.confirmed(order, target: account.targetId, key: "k-\(index)"), context: intake)
            orders.append(order.id)
        }
        return (fixture, orders)
    }

    /// How many orders one composite request takes (the publisher's batch size).
    static let pageSize = 25

    struct RecordFailure: Error {}

    /// The sandbox's Salesforce, its first order write held back until a second one starts (at
    /// most 5 s, so a publisher that sends one page at a time is told, not hung); or every write
    /// held for `holding`; or every write held until `heldUntilOut` are out at once (at most 30 s
    /// from the first write) and `thenFor` more, unless one more is out; or one failed.
    final class OverlapWatch: SalesforceTransport, Sendable {
        private let sandbox = SandboxTransport()
        private let state = Mutex((calls: 0, inFlight: 0, mostInFlight: 0, overlapped: false))
        /// The order write that fails as unavailable (the first is 1), if any.
        let failing: Mutex<Int?>
        /// How long every write waits, cancellably, before it goes on (nil: not at all).
        private let holding: Duration?
        /// How many writes out at once start the end of the hold, and how long it goes on after
        /// (nil: not held so).
        private let heldUntil: (out: Int, thenFor: Duration)?
        /// When the first write came, and when `heldUntil.out` were first out at once.
        private let holdTimes = Mutex<(first: ContinuousClock.Instant?, reached: ContinuousClock.Instant?)>((nil, nil))
        private let cancellations = Mutex(0)

        init(failing: Int? = nil, holding: Duration? = nil) {
            self.failing = Mutex(failing)
            self.holding = holding
            self.heldUntil = nil
        }

        init(heldUntilOut out: Int, thenFor: Duration) {
            self.failing = Mutex(nil)
            self.holding = nil
            self.heldUntil = (out, thenFor)
        }

        /// Whether a held write was cancelled.
        var cancelled: Bool { cancellations.withLock { $0 > 0 } }

        var calls: Int { state.withLock { $0.calls } }
        var overlapped: Bool { state.withLock { $0.overlapped } }
        /// The most writes out at once.
        var mostInFlight: Int { state.withLock { $0.mostInFlight } }

        func authorize(_ org: SalesforceOrg) async throws -> SalesforceAuthorization {
            try await sandbox.authorize(org)
        }

        func findSalesChannel(externalChannelNumber: String, in org: SalesforceOrg) async throws
            -> SalesChannelRecord?
        {
            try await sandbox.findSalesChannel(externalChannelNumber: externalChannelNumber, in: org)
        }

        func createSalesChannel(_ fields: SalesChannelFields, in org: SalesforceOrg) async throws -> String {
            try await sandbox.createSalesChannel(fields, in: org)
        }

        func updateSalesChannel(id: String, _ fields: SalesChannelFields, in org: SalesforceOrg) async throws {
            try await sandbox.updateSalesChannel(id: id, fields, in: org)
        }

        func setOrdersChannel(_ updates: [OrderChannelUpdate], fields: OrderChannelFields, in org: SalesforceOrg)
            async throws -> [OrderChannelResult]
        {
            let call = state.withLock { state in
                state.calls += 1
                state.inFlight += 1
                state.mostInFlight = max(state.mostInFlight, state.inFlight)
                if state.inFlight > 1 { state.overlapped = true }
                return state.calls
            }
            defer { state.withLock { $0.inFlight -= 1 } }
            let clock = ContinuousClock()
            let end = clock.now + .seconds(5)
            if let holding {
                do { try await Task.sleep(for: holding) } catch {
                    cancellations.withLock { $0 += 1 }
                    throw error
                }
            }
            if let heldUntil {
                while true {
                    let (most, now) = (mostInFlight, clock.now)
                    let release = holdTimes.withLock { times -> ContinuousClock.Instant in
                        if times.first == nil { times.first = now }
                        if most >= heldUntil.out, times.reached == nil { times.reached = now }
                        return times.reached.map { $0 + heldUntil.thenFor } ?? times.first! + .seconds(30)
                    }
                    if most > heldUntil.out || now >= release { break }
                    try await Task.sleep(for: .milliseconds(5))
                }
            } else {
                while call == 1, !overlapped, clock.now < end { try await Task.sleep(for: .milliseconds(5)) }
            }
            if failing.withLock({ $0 }) == call {
                throw TransportError.unavailable(service: .salesforce, reason: "salesforce.composite: 503")
            }
            return try await sandbox.setOrdersChannel(updates, fields: fields, in: org)
        }
    }
}
