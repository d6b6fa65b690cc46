import ChannelDomain
@_spi(Testing) import ChannelLedger
import EventSourcing
import Foundation
import SandboxTransport
import Testing
import Transport

/// Forgetting a customer: the key goes in the same transaction as `CustomerForgotten`; every order
/// sealed under it reads `<forgotten>`; the chain and the routing facts stay.
@Suite struct ForgetServiceTests {
    let intake = CommandContext(actor: "subscription-1", source: "webhook")

    /// US live, and two orders of one customer received.
    static func twoOrdersOfOneCustomer() async throws -> (ServiceFixture, [BuyWithPrimeOrder], String) {
        let (fixture, account) = try await IntakeServiceTests.liveUS()
        let seeded = try #require(SandboxTransport.orders[account.targetId])
        var second = seeded[1]
        second.customer = seeded[0].customer
        let orders = [seeded[0], second]
        for (index, order) in orders.enumerated() {
            _ = try await fixture.service.receive(
                IntakeServiceTests.confirmed(order, target: account.targetId, key: "o\(index)"),
                context: CommandContext(actor: "s", source: "webhook"))
        }
        return (fixture, orders, try #require(seeded[0].customer?.bwpCustomerId))
    }

    @Test func forgettingDeletesTheKeyWithTheEventAndEveryOrderReadsForgotten() async throws {
        let (fixture, orders, customer) = try await Self.twoOrdersOfOneCustomer()
        let subject = SealedPersonalData.subject(customerId: customer)
        #expect(try await fixture.store.subjectKey(subject) != nil)

        let outcome = try await fixture.service.forgetCustomer(" \(customer) ", context: fixture.context)

        #expect(outcome == ForgetOutcome(customerId: customer, recorded: true, keyDeleted: true, scrub: .completed))
        #expect(try await fixture.store.subjectKey(subject) == nil)
        let events = try await fixture.store.read(stream: Streams.customer(customer))
        #expect(events.map(\.type) == ["CustomerForgotten"])
        #expect(String(decoding: events[0].payload, as: UTF8.self) == #"{"trigger":"request"}"#)
        for order in orders {
            let summary = try await fixture.service.order(order.id)
            #expect(try await fixture.service.personalFields(of: summary) == .forgotten)
            #expect(summary.received.emailDomain != nil, "routing facts stay")
        }
        #expect(try await fixture.service.verify().position == (try await fixture.store.head().position))
    }

    @Test func forgettingAgainRecordsNothingUntilANewOrderMakesANewKey() async throws {
        let (fixture, orders, customer) = try await Self.twoOrdersOfOneCustomer()
        _ = try await fixture.service.forgetCustomer(customer, context: fixture.context)
        let again = try await fixture.service.forgetCustomer(customer, context: fixture.context)
        #expect(!again.recorded && !again.keyDeleted)

        var later = try #require(SandboxTransport.orders[fixture.accounts.buyWithPrime[0].targetId]?[3])
        later.customer = orders[0].customer
        _ = try await fixture.service.receive(
            IntakeServiceTests.confirmed(later, target: fixture.accounts.buyWithPrime[0].targetId, key: "later"),
            context: intake)
        #expect(try await fixture.service.personalFields(of: try await fixture.service.order(later.id)) != .forgotten)
        #expect(
            try await fixture.service.personalFields(of: try await fixture.service.order(orders[0].id)) == .forgotten)

        let third = try await fixture.service.forgetCustomer(customer, context: fixture.context)
        #expect(third.recorded && third.keyDeleted)
        #expect(try await fixture.store.read(stream: Streams.customer(customer)).count == 2)
    }

    @Test func aPersonalDataDeletionTaskForgetsTheCustomerItOrItsOrderNames() async throws {
        let (fixture, orders, customer) = try await Self.twoOrdersOfOneCustomer()
        let byOrder = BuyWithPrimeEvent(
            idempotencyKey: "del-1", eventType: "PERSONAL_DATA_DELETION_TASK_COMPLETED", eventId: "e-del-1",
            orderId: orders[0].id)
        let unknown = BuyWithPrimeEvent(
            idempotencyKey: "del-2", eventType: "PERSONAL_DATA_DELETION_TASK_FAILED", eventId: "e-del-2")

        let forgotten = try await fixture.service.receive(byOrder, context: intake)
        let acknowledged = try await fixture.service.receive(unknown, context: intake)

        #expect(forgotten.kind == .recorded && acknowledged.kind == .acknowledged)
        let events = try await fixture.store.read(stream: Streams.customer(customer))
        #expect(events.map(\.metadata.source) == ["webhook"])
        #expect(String(decoding: events[0].payload, as: UTF8.self).contains("PERSONAL_DATA_DELETION_TASK_COMPLETED"))
        #expect(try await fixture.store.subjectKey(SealedPersonalData.subject(customerId: customer)) == nil)
    }

    @Test func anImportCarriesTheForgettingAndNeverWritesAForgottenKey() async throws {
        let (fixture, _, customer) = try await Self.twoOrdersOfOneCustomer()
        let subject = SealedPersonalData.subject(customerId: customer)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = folder.appendingPathComponent("before.jsonl").path
        let beforeHead = try await fixture.service.export(to: before).head.position
        _ = try await fixture.service.forgetCustomer(customer, context: fixture.context)
        let whole = folder.appendingPathComponent("whole.jsonl").path
        _ = try await fixture.service.export(to: whole)
        func hasKeyLine(_ path: String) throws -> Bool {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
                .contains { $0.hasPrefix(#"{"key":"#) && $0.contains(subject) }
        }
        #expect(try hasKeyLine(before), "an export made before forgetting carries the key")
        #expect(try !hasKeyLine(whole), "one made after does not")

        // A copy made from the file after forgetting never holds the key.
        let copy = InMemoryEventStore(projections: LedgerService.projections)
        _ = try await LedgerService.importLog(from: whole, into: copy)
        #expect(try await copy.subjectKey(subject) == nil)

        // A copy made before forgetting holds it, until the rest of the log arrives.
        let older = InMemoryEventStore(projections: LedgerService.projections)
        _ = try await LedgerService.importLog(from: before, into: older)
        #expect(try await older.subjectKey(subject) != nil)
        let rest = folder.appendingPathComponent("rest.jsonl").path
        _ = try await fixture.service.export(to: rest, since: beforeHead)
        _ = try await LedgerService.importLog(from: rest, into: older)
        #expect(try await older.subjectKey(subject) == nil)
    }
}

extension ForgetServiceTests {
    @Test func aCustomerSeenAgainAfterForgettingKeepsTheNewKeyThroughAnExportAndImport() async throws {
        let (fixture, orders, customer) = try await Self.twoOrdersOfOneCustomer()
        let subject = SealedPersonalData.subject(customerId: customer)
        _ = try await fixture.service.forgetCustomer(customer, context: fixture.context)
        let target = fixture.accounts.buyWithPrime[0].targetId
        var later = try #require(SandboxTransport.orders[target]?[3])
        later.customer = orders[0].customer
        _ = try await fixture.service.receive(
            IntakeServiceTests.confirmed(later, target: target, key: "again"), context: intake)
        let newKey = try #require(try await fixture.store.subjectKey(subject))

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("again-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try await fixture.service.export(to: file.path)
        let copy = InMemoryEventStore(projections: LedgerService.projections)
        _ = try await LedgerService.importLog(from: file.path, into: copy)
        #expect(try await copy.subjectKey(subject) == newKey, "the key made after the forgetting is imported")
    }

    @Test func personalDataSealedBeforeKeysHadIdsStillReads() async throws {
        let old = #"{"ciphertext":"cGVyc29uYWw=","subject":"customer:c-1"}"#
        let decoded = try JSONDecoder().decode(SealedPersonalData.self, from: Data(old.utf8))
        #expect(decoded.keyId == nil && decoded.subject == "customer:c-1")

        // An order whose payload has no keyId opens with its subject's key.
        let (fixture, orders, _) = try await Self.twoOrdersOfOneCustomer()
        var summary = try await fixture.service.order(orders[0].id)
        let sealed = try #require(summary.received.personal)
        let received = summary.received
        summary.received = OrderReceived(
            orderId: received.orderId, targetId: received.targetId, customerId: received.customerId,
            emailDomain: received.emailDomain,
            personal: SealedPersonalData(subject: sealed.subject, keyId: nil, ciphertext: sealed.ciphertext))
        #expect(
            try await fixture.service.personalFields(of: summary)
                == .known(PersonalData(name: orders[0].customer?.name, email: orders[0].customer?.email)))
    }
}

extension ForgetServiceTests {
    @Test func aDeletionTaskDeliveredAgainAfterANewOrderLeavesTheNewKey() async throws {
        let (fixture, orders, customer) = try await Self.twoOrdersOfOneCustomer()
        let task = BuyWithPrimeEvent(
            idempotencyKey: "del-again", eventType: "PERSONAL_DATA_DELETION_TASK_COMPLETED", eventId: "e-del",
            customerId: customer)
        #expect(try await fixture.service.receive(task, context: intake).kind == .recorded)
        let target = fixture.accounts.buyWithPrime[0].targetId
        var later = try #require(SandboxTransport.orders[target]?[3])
        later.customer = orders[0].customer
        _ = try await fixture.service.receive(
            IntakeServiceTests.confirmed(later, target: target, key: "new-order"), context: intake)
        let subject = SealedPersonalData.subject(customerId: customer)
        let newKey = try #require(try await fixture.store.subjectKey(subject))

        let again = try await fixture.service.receive(task, context: intake)

        #expect(again.kind == .duplicate)
        #expect(try await fixture.store.subjectKey(subject) == newKey, "the redelivery deletes nothing")
        #expect(try await fixture.store.read(stream: Streams.customer(customer)).count == 1)
    }

    @Test func anOrderThatNamesNoCustomerIsForgottenThroughItsDeletionTask() async throws {
        let (fixture, account) = try await IntakeServiceTests.liveUS()
        var order = try #require(SandboxTransport.orders[account.targetId]?.first)
        order.customer?.bwpCustomerId = nil
        _ = try await fixture.service.receive(
            IntakeServiceTests.confirmed(order, target: account.targetId, key: "anon"), context: intake)
        let summary = try await fixture.service.order(order.id)
        #expect(summary.received.personal?.subject == "customer:order:\(order.id)")
        #expect(try await fixture.service.personalFields(of: summary) != .forgotten)

        let task = BuyWithPrimeEvent(
            idempotencyKey: "del-anon", eventType: "PERSONAL_DATA_DELETION_TASK_COMPLETED", orderId: order.id)
        #expect(try await fixture.service.receive(task, context: intake).kind == .recorded)

        #expect(try await fixture.service.personalFields(of: summary) == .forgotten)
    }

    @Test func identifiersWithSpacesOrControlCharactersAreRefusedBeforeAnythingIsRecorded() throws {
        for envelope in [
            #"{"idempotencyKey":"k","eventDescriptor":"ORDER_CONFIRMED","resources":["businessProduct/T1/order/322\u001b[2J"]}"#,
            #"{"idempotencyKey":"k","eventDescriptor":"PERSONAL_DATA_DELETION_TASK_COMPLETED","data":{"bwpCustomerId":"c 1"}}"#,
            #"{"idempotencyKey":"k","eventDescriptor":"ORDER_CONFIRMED","resources":["businessProduct/T1/order/1"],"data":{"order":{"id":"1","customer":{"contact":{"name":"A\u0007"}}}}}"#,
        ] {
            #expect(throws: BuyWithPrimeEventError.self, "\(envelope)") {
                try BuyWithPrimeEvent.decode(Data(envelope.utf8))
            }
        }
    }
}
