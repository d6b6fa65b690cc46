import ChannelDomain
@_spi(Testing) import ChannelLedger
import EventSourcing
import Foundation
import SandboxTransport
import Testing
import Transport

/// Export format version 2: subject keys travel as key lines, and an import writes each with the
/// first event sealed under it, never one no event of the file uses.
@Suite struct TransferKeysTests {
    let intake = CommandContext(actor: "subscription-1", source: "webhook")

    /// A ledger on `store` with the channel `US` live on the first sandbox account, and its seeded orders.
    static func live(on store: any EventStore) async throws -> (ServiceFixture, [BuyWithPrimeOrder], String) {
        let (fixture, account) = try await IntakeServiceTests.liveUS(on: store)
        return (fixture, try #require(SandboxTransport.orders[account.targetId]), account.targetId)
    }

    /// Receives orders through the service, one delivery each.
    func receive(_ orders: [BuyWithPrimeOrder], target: String, in fixture: ServiceFixture) async throws {
        for order in orders {
            let outcome = try await fixture.service.receive(
                IntakeServiceTests.confirmed(order, target: target, key: "k-" + order.id), context: intake)
            try #require(outcome.kind == .recorded)
        }
    }

    static func subject(_ order: BuyWithPrimeOrder) throws -> String {
        SealedPersonalData.subject(customerId: try #require(order.customer?.bwpCustomerId))
    }

    /// The id of the `OrderReceived` event of an order.
    static func receivedEvent(of order: BuyWithPrimeOrder, in store: any EventStore) async throws -> UUID {
        let events = try await store.read(stream: Streams.order(order.id))
        return try #require(events.first { $0.type == OrderReceived.wireName }).id
    }

    /// A fresh file path in the temporary folder.
    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func write(_ lines: [String], to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The subject and base64 key of a key line; nil for any other line.
    static func keyLine(_ line: String) -> (subject: String, sealed: String)? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let key = object["key"] as? [String: String], let subject = key["subject"], let sealed = key["sealed"]
        else { return nil }
        return (subject, sealed)
    }

    static func fresh() -> KeyRecordingStore {
        KeyRecordingStore(inner: InMemoryEventStore(projections: LedgerService.projections))
    }

    @Test func aRoundTripKeepsEachKeyByteForByteAndWritesItWithTheFirstEventSealedUnderIt() async throws {
        // Given two customers, the first of whom orders twice.
        let (fixture, orders, target) = try await Self.live(
            on: InMemoryEventStore(projections: LedgerService.projections))
        var again = orders[2]
        again.customer = orders[0].customer
        try await receive([orders[0], orders[1], again], target: target, in: fixture)
        let subjects = [try Self.subject(orders[0]), try Self.subject(orders[1])]
        let file = Self.path("keys.jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }

        // When the log is exported and imported into a fresh store.
        let exported = try await fixture.service.export(to: file)
        let copy = Self.fresh()
        for subject in subjects { #expect(try await copy.subjectKey(subject) == nil) }
        let imported = try await LedgerService.importLog(from: file, into: copy)

        // Then the file has one key line per subject, just before the subject's first order.
        let lines = try Self.lines(file)
        #expect(lines[0].contains("\"version\":2"))
        let keyLines = lines.enumerated().compactMap { index, line in Self.keyLine(line).map { (index, $0) } }
        #expect(keyLines.map(\.1.subject) == subjects)
        #expect(lines.count == Int(exported.events) + 1 + subjects.count, "a header, the events, the key lines")
        for (index, key) in keyLines {
            let firstUse = try #require(lines.firstIndex { $0.contains("\\\"subject\\\":\\\"\(key.subject)\\\"") })
            #expect(firstUse == index + 1, "\(key.subject)'s key line is right before its first order")
            #expect(lines[index + 1].contains("\"type\":\"OrderReceived\""))
        }
        // The copy holds the same log and each key byte for byte, written in the append of its first event.
        #expect(imported.head == (try await fixture.store.head()))
        #expect(try await copy.head() == (try await fixture.store.head()))
        let writes = await copy.keyWrites
        #expect(writes.map(\.key.subject) == subjects, "each key is written once")
        for (subject, first) in [(subjects[0], orders[0]), (subjects[1], orders[1])] {
            let original = try #require(try await fixture.store.subjectKey(subject))
            #expect(try await copy.subjectKey(subject) == original)
            let write = try #require(writes.first { $0.key.subject == subject })
            #expect(write.key.sealed == original)
            #expect(write.before == nil, "the store had no key for \(subject) before that append")
            #expect(write.batchEvents.contains(try await Self.receivedEvent(of: first, in: fixture.store)))
        }
    }

    @Test func aVersion1FileStillImportsAndANewerVersionIsRefused() async throws {
        // Given an export rewritten as version 1: the same events, no key lines.
        let (fixture, orders, target) = try await Self.live(
            on: InMemoryEventStore(projections: LedgerService.projections))
        try await receive([orders[0]], target: target, in: fixture)
        let file = Self.path("v2.jsonl")
        let old = Self.path("v1.jsonl")
        let newer = Self.path("v3.jsonl")
        defer { for path in [file, old, newer] { try? FileManager.default.removeItem(atPath: path) } }
        _ = try await fixture.service.export(to: file)
        var lines = try Self.lines(file).filter { Self.keyLine($0) == nil }
        lines[0] = lines[0].replacingOccurrences(of: "\"version\":2", with: "\"version\":1")
        try Self.write(lines, to: old)
        lines[0] = lines[0].replacingOccurrences(of: "\"version\":1", with: "\"version\":3")
        try Self.write(lines, to: newer)

        // When each is imported into a fresh store.
        let copy = Self.fresh()
        let imported = try await LedgerService.importLog(from: old, into: copy)
        let refusedStore = Self.fresh()
        let refusal = await #expect(throws: LedgerError.self) {
            try await LedgerService.importLog(from: newer, into: refusedStore)
        }

        // Then version 1 gives the same log, with no key; version 3 is refused at its header.
        #expect(imported.head == (try await fixture.store.head()))
        #expect(try await copy.subjectKey(try Self.subject(orders[0])) == nil)
        #expect(await copy.keyWrites.isEmpty)
        guard case .importUnreadable(let line, let reason) = refusal else {
            Issue.record("\(String(describing: refusal))")
            return
        }
        #expect(line == 1 && reason.contains("line format 3"), "\(reason)")
        #expect(try await refusedStore.head().position == 0)
    }

    @Test func aKeyLineNoLaterEventUsesIsNotWritten() async throws {
        // Given an export with a key line for a subject no event uses, and a rival key for a used
        // subject after its last use.
        let (fixture, orders, target) = try await Self.live(
            on: InMemoryEventStore(projections: LedgerService.projections))
        try await receive([orders[0]], target: target, in: fixture)
        let used = try Self.subject(orders[0])
        let file = Self.path("orphans.jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try await fixture.service.export(to: file)
        var lines = try Self.lines(file)
        lines.insert(#"{"key":{"sealed":"AQID","subject":"customer:nobody"}}"#, at: 1)
        lines.append(#"{"key":{"sealed":"BAUG","subject":"\#(used)"}}"#)
        try Self.write(lines, to: file)

        // When it is imported into a fresh store.
        let copy = Self.fresh()
        _ = try await LedgerService.importLog(from: file, into: copy)

        // Then only the key the order uses is written, as its own key line gave it.
        #expect(try await copy.subjectKey("customer:nobody") == nil)
        #expect(try await copy.subjectKey(used) == (try await fixture.store.subjectKey(used)))
        #expect(await copy.keyWrites.map(\.key.subject) == [used])
    }

    @Test func aMalformedKeyLineIsRefusedNamingItsLine() async throws {
        // Given an export whose key line's key is not base64.
        let (fixture, orders, target) = try await Self.live(
            on: InMemoryEventStore(projections: LedgerService.projections))
        try await receive([orders[0]], target: target, in: fixture)
        let file = Self.path("malformed.jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try await fixture.service.export(to: file)
        var lines = try Self.lines(file)
        let index = try #require(lines.firstIndex { Self.keyLine($0) != nil })
        let key = try #require(Self.keyLine(lines[index]))
        lines[index] = lines[index].replacingOccurrences(of: key.sealed, with: "not base64!")
        try Self.write(lines, to: file)

        // When it is imported.
        let copy = Self.fresh()
        let error = await #expect(throws: LedgerError.self) {
            try await LedgerService.importLog(from: file, into: copy)
        }

        // Then it is refused whole, naming the key line.
        guard case .importUnreadable(let line, let reason) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(line == index + 1 && reason.contains("base64"), "\(line): \(reason)")
        #expect(try await copy.head().position == 0)
    }

    @Test func aContinuedImportWritesOnlyTheKeysOfEventsTheStoreLacks() async throws {
        // Given a copy taken after a customer's first order, and then a second order of hers and a new customer.
        let (fixture, orders, target) = try await Self.live(
            on: InMemoryEventStore(projections: LedgerService.projections))
        try await receive([orders[0]], target: target, in: fixture)
        let early = Self.path("early.jsonl")
        let whole = Self.path("whole.jsonl")
        let since = Self.path("since.jsonl")
        defer { for path in [early, whole, since] { try? FileManager.default.removeItem(atPath: path) } }
        let first = try await fixture.service.export(to: early)
        var again = orders[2]
        again.customer = orders[0].customer
        try await receive([again, orders[1]], target: target, in: fixture)
        _ = try await fixture.service.export(to: whole)
        _ = try await fixture.service.export(to: since, since: first.head.position)
        let (returning, new) = (try Self.subject(orders[0]), try Self.subject(orders[1]))
        let resumed = Self.fresh()
        let continued = Self.fresh()
        for copy in [resumed, continued] {
            _ = try await LedgerService.importLog(from: early, into: copy)
            await copy.forgetWrites()
        }

        // When the whole export is imported again into one copy, the export since the copy into the other.
        _ = try await LedgerService.importLog(from: whole, into: resumed)
        _ = try await LedgerService.importLog(from: since, into: continued)

        // Then the returning customer's key is skipped with her first order in one, and absorbed unchanged in the other.
        #expect(try Self.lines(since).compactMap { Self.keyLine($0)?.subject } == [returning, new])
        #expect(await resumed.keyWrites.map(\.key.subject) == [new])
        #expect(await continued.keyWrites.map(\.key.subject) == [returning, new])
        let head = try await fixture.store.head()
        for copy in [resumed, continued] {
            #expect(try await copy.head() == head)
            for subject in [returning, new] {
                #expect(try await copy.subjectKey(subject) == (try await fixture.store.subjectKey(subject)))
            }
        }
    }

    @Test func anImportCarryingAnotherKeyThanTheStoresIsRefusedNamingTheSubject() async throws {
        // Given a copy holding a customer's key, and an export since the copy whose key line for her differs.
        let (fixture, orders, target) = try await Self.live(
            on: InMemoryEventStore(projections: LedgerService.projections))
        try await receive([orders[0]], target: target, in: fixture)
        let early = Self.path("early.jsonl")
        let since = Self.path("since.jsonl")
        defer { for path in [early, since] { try? FileManager.default.removeItem(atPath: path) } }
        let first = try await fixture.service.export(to: early)
        var again = orders[2]
        again.customer = orders[0].customer
        try await receive([again], target: target, in: fixture)
        _ = try await fixture.service.export(to: since, since: first.head.position)
        let subject = try Self.subject(orders[0])
        var lines = try Self.lines(since)
        let index = try #require(lines.firstIndex { Self.keyLine($0)?.subject == subject })
        let key = try #require(Self.keyLine(lines[index]))
        lines[index] = lines[index].replacingOccurrences(of: key.sealed, with: Data([7, 7, 7]).base64EncodedString())
        try Self.write(lines, to: since)
        let copy = Self.fresh()
        _ = try await LedgerService.importLog(from: early, into: copy)

        // When the changed export is imported.
        await #expect(
            throws: LedgerError.importKeyConflict(line: index + 1, subject: subject, imported: first.head.position)
        ) {
            try await LedgerService.importLog(from: since, into: copy)
        }

        // Then nothing of it was written and the store keeps its key.
        #expect(try await copy.head() == first.head)
        #expect(try await copy.subjectKey(subject) == (try await fixture.store.subjectKey(subject)))
    }

    /// A file whose customer is forgotten after a key line for it (an export taken before the
    /// forgetting, continued by one after): the key is never written, whether the import checks
    /// the whole file first or each line as it writes it, and also when the forgetting's type is
    /// spelled with a `\u` escape (the one-pass import finds the forgotten subjects before it
    /// writes by their lines' bytes).
    @Test(arguments: [true, false], [false, true])
    func aKeyTheFileForgetsLaterIsNeverWritten(checkingFirst: Bool, escaped: Bool) async throws {
        // Given a file with a key line for a customer, then the customer's forgetting.
        let store = Self.fresh()
        let (fixture, orders, target) = try await Self.live(on: store)
        try await receive([orders[0], orders[1]], target: target, in: fixture)
        let (forgotten, kept) = (try Self.subject(orders[0]), try Self.subject(orders[1]))
        let before = Self.path("before.jsonl")
        _ = try await fixture.service.export(to: before)
        let customer = try #require(orders[0].customer?.bwpCustomerId)
        _ = try await fixture.service.forgetCustomer(customer, context: fixture.context)
        let after = Self.path("after.jsonl")
        _ = try await fixture.service.export(to: after)
        defer { for file in [before, after] { try? FileManager.default.removeItem(atPath: file) } }
        let keyLine = try #require(try Self.lines(before).first { Self.keyLine($0)?.subject == forgotten })
        var lines = try Self.lines(after)
        // Just before the first event sealed under that key, where an export puts it.
        let received = try #require(
            lines.firstIndex { $0.contains(#""stream":"order:\#(orders[0].id)""#) && $0.contains("OrderReceived") })
        lines.insert(keyLine, at: received)
        let forgetting = try #require(lines.firstIndex { $0.contains(#""type":"CustomerForgotten""#) })
        if escaped {
            lines[forgetting] = lines[forgetting].replacingOccurrences(
                of: #""type":"CustomerForgotten""#, with: #""type":"Customer\u0046orgotten""#)
        }
        let file = Self.path("forgets.jsonl")
        try Self.write(lines, to: file)
        defer { try? FileManager.default.removeItem(atPath: file) }

        // When it is imported into a fresh store.
        let copy = Self.fresh()
        _ = try await LedgerService.importLog(from: file, into: copy, checkingFirst: checkingFirst)

        // Then every event is there, the kept customer's key too, and the forgotten one's never was.
        #expect(try await copy.head() == (try await store.head()))
        #expect(try await copy.subjectKey(kept) == (try await store.subjectKey(kept)))
        #expect(try await copy.subjectKey(forgotten) == nil)
        #expect(await copy.keyWrites.allSatisfy { $0.key.subject != forgotten }, "the key was written")
    }

    @Test func aForgottenCustomerGetsNoKeyLine() async throws {
        // Given two customers' orders, the first customer's key gone from the store.
        let store = Self.fresh()
        let (fixture, orders, target) = try await Self.live(on: store)
        try await receive([orders[0], orders[1]], target: target, in: fixture)
        let (forgotten, kept) = (try Self.subject(orders[0]), try Self.subject(orders[1]))
        await store.hide(forgotten)
        let file = Self.path("forgotten.jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }

        // When the log is exported and imported into a fresh store.
        _ = try await fixture.service.export(to: file)
        let copy = Self.fresh()
        _ = try await LedgerService.importLog(from: file, into: copy)

        // Then only the kept customer's key travels; every event does.
        #expect(try Self.lines(file).compactMap { Self.keyLine($0)?.subject } == [kept])
        #expect(try await copy.head() == (try await store.head()))
        #expect(try await copy.subjectKey(forgotten) == nil)
        #expect(try await copy.subjectKey(kept) == (try await store.subjectKey(kept)))
    }
}

/// Wraps a store, recording each subject key a multi-stream append carries (with the key the store
/// held for that subject just before, and the ids of the events in the key's batch), and able to
/// hide a subject's key as if the customer were forgotten.
actor KeyRecordingStore: EventStore {
    /// One key an append carried.
    struct KeyWrite {
        var key: SubjectKey
        var before: Data?
        var batchEvents: [UUID]
    }

    let inner: any EventStore
    private(set) var keyWrites: [KeyWrite] = []
    private var hidden: Set<String> = []

    init(inner: any EventStore) {
        self.inner = inner
    }

    func hide(_ subject: String) { hidden.insert(subject) }

    func forgetWrites() { keyWrites.removeAll() }

    func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) async throws -> AppendResult {
        try await inner.append(events, to: stream, expected: expected)
    }

    func append(batches: [StreamBatch], atHead head: Int64?) async throws -> [AppendResult] {
        var writes: [KeyWrite] = []
        for batch in batches where !batch.events.isEmpty {
            for key in batch.keys {
                writes.append(
                    KeyWrite(
                        key: key, before: try await inner.subjectKey(key.subject), batchEvents: batch.events.map(\.id)))
            }
        }
        let results = try await inner.append(batches: batches, atHead: head)
        keyWrites += writes
        return results
    }
    func read(stream: StreamName, from version: Int64) async throws -> [RecordedEvent] {
        try await inner.read(stream: stream, from: version)
    }
    func readAll(after position: Int64, limit: Int) async throws -> [RecordedEvent] {
        try await inner.readAll(after: position, limit: limit)
    }
    func version(of stream: StreamName) async throws -> Int64 { try await inner.version(of: stream) }
    func subjectKey(_ subject: String) async throws -> Data? {
        hidden.contains(subject) ? nil : try await inner.subjectKey(subject)
    }
    func scrub() async throws -> ScrubOutcome { try await inner.scrub() }
    func acquireLease(_ name: String, holder: String, now: Timestamp, until: Timestamp) async throws -> Lease {
        try await inner.acquireLease(name, holder: holder, now: now, until: until)
    }
    func releaseLease(_ name: String, holder: String) async throws {
        try await inner.releaseLease(name, holder: holder)
    }
    func lease(_ name: String) async throws -> Lease? { try await inner.lease(name) }
    func attempts(_ work: String) async throws -> [WorkAttempt] { try await inner.attempts(work) }
    func saveAttempts(_ attempts: [WorkAttempt], for work: String) async throws {
        try await inner.saveAttempts(attempts, for: work)
    }
    func clearAttempts(_ subjects: [String], for work: String) async throws {
        try await inner.clearAttempts(subjects, for: work)
    }
    func claims(_ kind: String, prefix: String, after: String?, limit: Int) async throws -> [ReadModelClaim] {
        try await inner.claims(kind, prefix: prefix, after: after, limit: limit)
    }
    func documents(_ model: String, after: String?, limit: Int) async throws -> [ReadModelDocument] {
        try await inner.documents(model, after: after, limit: limit)
    }
    func head() async throws -> LogHead { try await inner.head() }
    nonisolated func subscribe(after position: Int64) -> EventSubscription { inner.subscribe(after: position) }
    func schemaVersion() async throws -> Int { try await inner.schemaVersion() }
    func document(_ model: String, key: String) async throws -> Data? { try await inner.document(model, key: key) }
    func documents(_ model: String) async throws -> [ReadModelDocument] { try await inner.documents(model) }
    func claimOwner(_ kind: String, value: String) async throws -> String? {
        try await inner.claimOwner(kind, value: value)
    }
    func checkpoint(_ projection: String) async throws -> Int64 { try await inner.checkpoint(projection) }
    func projectionCheckpoints() async throws -> [ProjectionCheckpoint] { try await inner.projectionCheckpoints() }
    func stagedRebuild(_ name: String) async throws -> StagedRebuild? { try await inner.stagedRebuild(name) }
    func startRebuild(_ projection: any Projection, owner: UUID, restart: Bool) async throws -> StagedRebuild {
        try await inner.startRebuild(projection, owner: owner, restart: restart)
    }
    func stage(_ events: [RecordedEvent], for projection: any Projection, owner: UUID) async throws {
        try await inner.stage(events, for: projection, owner: owner)
    }
    func completeRebuild(_ projection: any Projection, owner: UUID) async throws -> Int64 {
        try await inner.completeRebuild(projection, owner: owner)
    }
    func invalidate(_ projections: [any Projection]) async throws {
        try await inner.invalidate(projections)
    }
}
