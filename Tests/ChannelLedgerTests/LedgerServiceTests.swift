import ChannelDomain
import ChannelLedger
import EventSourcing
import Foundation
import Testing
import Transport

@Suite struct LedgerServiceTests {
    @Test func channelsNeedAnAuthorizedConnectedApp() async throws {
        let fixture = try await ServiceFixture()
        await #expect(throws: DomainError.self) {
            try await fixture.service.createChannel(named: "US", transport: "sandbox", context: fixture.context)
        }
        #expect(try await fixture.service.channels().isEmpty)
    }

    @Test func lifecycleFromDraftToLive() async throws {
        let fixture = try await ServiceFixture().registered()
        let service = fixture.service
        let account = fixture.accounts.buyWithPrime[0]
        let created = try await service.createChannel(named: "US", transport: "sandbox", context: fixture.context)
        #expect(created.view.state.status == .draft)
        _ = try await service.enterCredentials(
            "us", clientID: account.clientId, targetID: account.targetId, secret: { Secret(account.clientSecret) },
            context: fixture.context)
        let authorized = try await service.authorizeChannel("US", context: fixture.context)
        #expect(authorized.rejection == nil)
        #expect(authorized.view.state.status == .authorized)
        _ = try await service.activateMappings("US", names: nil, context: fixture.context)
        let live = try await service.launchChannel("US", context: fixture.context)
        #expect(live.view.state.status == .live)
        #expect(try await service.verify().position == (try await fixture.store.head()).position)
    }

    /// A channel recorded as ready with no connected app in force (events appended as they stand in a
    /// log): launch and resume look the connected app up and are refused until one is authorized.
    @Test func launchAndResumeNeedAConnectedAppInForce() async throws {
        let fixture = try await ServiceFixture()
        let id = UUIDv7.make()
        let secret = SealedSecret(ciphertext: "bm90LW9wZW5lZA==", fingerprint: "0123456789abcdef")
        let ready: [ChannelEvent] =
            [
                .created(ChannelCreated(channelId: id, name: "Legacy", catalogVersion: 1, transport: "sandbox")),
                .credentialsEntered(CredentialsEntered(clientId: "client", targetId: "target", secret: secret)),
                .credentialsAuthorized(
                    CredentialsAuthorized(clientId: "client", targetId: "target", fingerprint: secret.fingerprint)),
            ]
            + MappingCatalog.v1.mappings.map {
                .mappingActivated(MappingActivated(mapping: $0.name, catalogVersion: 1))
            }
        try await append(ready, to: id, fixture)
        await #expect(
            throws: DomainError.notReadyToLaunch(
                channel: "Legacy", connectedAppAuthorized: false, credentials: .authorized, inactiveMappings: [])
        ) {
            try await fixture.service.launchChannel("Legacy", context: fixture.context)
        }

        // Launched and suspended before the rule: it stays live in the log; resuming is refused.
        try await append([.launched(ChannelLaunched())], to: id, fixture)
        #expect(try await fixture.service.channel("Legacy").state.status == .live)
        let again = try await fixture.service.launchChannel("Legacy", context: fixture.context)
        #expect(!again.changed, "launching a live channel records nothing")
        try await append([.suspended(ChannelSuspended(reason: "stock take"))], to: id, fixture)
        await #expect(
            throws: DomainError.notReadyToResume(
                channel: "Legacy", connectedAppAuthorized: false, credentials: .authorized, inactiveMappings: [])
        ) {
            try await fixture.service.resumeChannel("Legacy", context: fixture.context)
        }

        _ = try await fixture.registered()
        let resumed = try await fixture.service.resumeChannel("Legacy", context: fixture.context)
        #expect(resumed.view.state.status == .live)
    }

    private func append(_ events: [ChannelEvent], to id: UUID, _ fixture: ServiceFixture) async throws {
        let metadata = EventMetadata(actor: "legacy", source: "cli")
        let new = try events.map {
            try NewEvent(id: UUIDv7.make(), payload: $0.payload, recordedAt: Timestamp(Date()), metadata: metadata)
        }
        _ = try await fixture.store.append(new, to: Streams.channel(id), expected: .any)
    }

    @Test func wrongSecretIsRecordedAsAFailure() async throws {
        let fixture = try await ServiceFixture().registered()
        let account = fixture.accounts.buyWithPrime[1]
        _ = try await fixture.service.createChannel(named: "EU", transport: "sandbox", context: fixture.context)
        _ = try await fixture.service.enterCredentials(
            "EU", clientID: account.clientId, targetID: account.targetId, secret: { Secret("wrong") },
            context: fixture.context)
        let result = try await fixture.service.authorizeChannel("EU", context: fixture.context)
        #expect(result.rejection?.failureClass == .rejected)
        #expect(result.view.state.credentialsStatus == .failed)
        let types = try await fixture.service.history(channel: "EU").map(\.type)
        #expect(types.last == "AuthorizationFailed")
    }

    @Test func aRivalWriterBetweenReadAndAppendIsReDecided() async throws {
        // The rival creates "Shared" on its own stream after our look-up but before our append:
        // our append hits the name claim, the command is re-decided and refused by the domain.
        let inner = InMemoryEventStore(projections: LedgerService.projections)
        let rival = try await ServiceFixture(store: inner).registered()
        let racing = RacingStore(inner: inner) {
            _ = try await rival.service.createChannel(named: "shared", transport: "sandbox", context: rival.context)
        }
        let fixture = try await ServiceFixture(store: racing)
        await #expect {
            try await fixture.service.createChannel(named: "Shared", transport: "sandbox", context: fixture.context)
        } throws: { error in
            error as? DomainError == .nameTaken(name: "Shared", takenBy: "shared")
        }
        #expect(try await fixture.service.channels().map(\.state.name) == ["shared"])
        #expect(await racing.interruptions == 1)
    }

    @Test func endlessConflictsEndAsConflictAfterRetries() async throws {
        let inner = InMemoryEventStore(projections: LedgerService.projections)
        let fixture = try await ServiceFixture(store: inner).registered()
        _ = try await fixture.service.createChannel(named: "Busy", transport: "sandbox", context: fixture.context)
        let id = try #require(try await fixture.service.channel("Busy").state.id)
        let racing = RacingStore(inner: inner, everyTime: true) {
            // Someone renames back and forth on every attempt.
            let current = try await fixture.service.channel(id: id)?.state.name
            _ = try await fixture.service.renameChannel(
                id.uuidString, to: current == "Busy" ? "Busy 2" : "Busy", context: fixture.context)
        }
        let victim = try await ServiceFixture(store: racing)
        await #expect {
            try await victim.service.renameChannel(id.uuidString, to: "Victim", context: victim.context)
        } throws: { error in
            (error as? LedgerError).map { if case .conflictAfterRetries = $0 { true } else { false } } ?? false
        }
    }

    @Test func archivingFreesTheTargetID() async throws {
        let fixture = try await ServiceFixture().registered()
        let account = fixture.accounts.buyWithPrime[0]
        for name in ["A", "B"] {
            _ = try await fixture.service.createChannel(named: name, transport: "sandbox", context: fixture.context)
        }
        _ = try await fixture.service.enterCredentials(
            "A", clientID: account.clientId, targetID: account.targetId, secret: { Secret(account.clientSecret) },
            context: fixture.context)
        await #expect(throws: DomainError.self) {
            try await fixture.service.enterCredentials(
                "B", clientID: account.clientId, targetID: account.targetId, secret: { Secret(account.clientSecret) },
                context: fixture.context)
        }
        _ = try await fixture.service.archiveChannel("A", context: fixture.context)
        let moved = try await fixture.service.enterCredentials(
            "B", clientID: account.clientId, targetID: account.targetId, secret: { Secret(account.clientSecret) },
            context: fixture.context)
        #expect(moved.view.state.pending?.targetId == account.targetId)
    }
}

/// Wraps a store and runs a rival write just before an append (once, or before every append);
/// with `batches`, before the first multi-stream append instead.
actor RacingStore: EventStore {
    let inner: any EventStore
    let everyTime: Bool
    let batches: Bool
    let rival: @Sendable () async throws -> Void
    private(set) var interruptions = 0
    /// How many multi-stream appends were made.
    private(set) var batchAppends = 0
    /// The streams read, in order (one entry per read).
    private(set) var streamsRead: [StreamName] = []
    /// How many times a stream was read.
    var streamReads: Int { streamsRead.count }
    private var racing = false

    init(
        inner: any EventStore, everyTime: Bool = false, batches: Bool = false,
        rival: @escaping @Sendable () async throws -> Void
    ) {
        self.inner = inner
        self.everyTime = everyTime
        self.batches = batches
        self.rival = rival
    }

    func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) async throws -> AppendResult {
        if !batches, !racing, everyTime || interruptions == 0, stream != (try StreamName("ledger")) {
            racing = true
            interruptions += 1
            try await rival()
            racing = false
        }
        return try await inner.append(events, to: stream, expected: expected)
    }

    /// Runs the rival again before the next append it races (the next multi-stream one with `batches`).
    func rearm() { interruptions = 0 }

    func append(batches: [StreamBatch], atHead head: Int64?) async throws -> [AppendResult] {
        batchAppends += 1
        if self.batches, interruptions == 0 {
            interruptions += 1
            try await rival()
        }
        return try await inner.append(batches: batches, atHead: head)
    }
    func read(stream: StreamName, from version: Int64) async throws -> [RecordedEvent] {
        streamsRead.append(stream)
        return try await inner.read(stream: stream, from: version)
    }
    func readAll(after position: Int64, limit: Int) async throws -> [RecordedEvent] {
        try await inner.readAll(after: position, limit: limit)
    }
    func version(of stream: StreamName) async throws -> Int64 { try await inner.version(of: stream) }
    func subjectKey(_ subject: String) async throws -> Data? { try await inner.subjectKey(subject) }
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

@Suite struct HistoryFilterTests {
    @Test func aBareDateMeansTheWholeDay() throws {
        let start = try #require(HistoryFilter.start(of: "2026-11-29"))
        let end = try #require(HistoryFilter.end(of: "2026-11-29"))
        #expect(start.rfc3339 == "2026-11-29T00:00:00.000Z")
        #expect(end.rfc3339 == "2026-11-29T23:59:59.999Z")
        #expect(HistoryFilter.end(of: "2026-11-29T10:00:00Z")?.rfc3339 == "2026-11-29T10:00:00.000Z")
        #expect(HistoryFilter.end(of: "tomorrow") == nil)
    }

    @Test func streamsMatchExactlyOrByCategory() throws {
        let event = RecordedEvent(
            id: UUID(), stream: StreamName(category: "channel", id: "x"), version: 1, position: 1,
            type: "ChannelCreated",
            schemaVersion: 1, recordedAt: Timestamp(millisecondsSince1970: 0), payload: Data("{}".utf8),
            metadata: EventMetadata(actor: "a", source: "cli"), hash: Data())
        #expect(HistoryFilter(stream: "channel").matches(event))
        #expect(HistoryFilter(stream: "channel:x").matches(event))
        #expect(!HistoryFilter(stream: "channel:y").matches(event))
        #expect(!HistoryFilter(stream: "connected-app").matches(event))
        #expect(!HistoryFilter(types: ["ChannelRenamed"]).matches(event))
        #expect(!HistoryFilter(actor: "b").matches(event))
        #expect(
            HistoryFilter(since: Timestamp(millisecondsSince1970: 0), until: Timestamp(millisecondsSince1970: 0))
                .matches(event))
    }
}
