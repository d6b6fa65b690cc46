import ChannelDomain
@_spi(Testing) import ChannelLedger
import ChannelLedgerTesting
import EventSourcing
import Foundation
import LedgerWiring
import SandboxTransport
import Testing
import Transport

/// Rebuilds, time travel and schema evolution against real SQLite files.
@Suite struct ProjectionServiceTests {
    static let fixtureKey = "Zml4dHVyZS1rZXktbm90LWEtc2VjcmV0LTMyYnl0ZXM="
    /// The embedded store, as the executable wires it.
    static let stores = SQLiteStoreProvider()
    static let fixtureHeadHash = "f398480a31cc68aa6b942c2a46280ea4e0be3a85bd96414e9324cd4c85917599"

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cl-proj-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func configuration(rebuilding: Bool = true) -> LedgerConfiguration {
        var configuration = LedgerConfiguration(
            transports: TransportRegistry([SandboxTransport.descriptor]), stores: Self.stores,
            environment: [MasterKey.environmentVariable: Self.fixtureKey])
        configuration.rebuildsStaleProjections = rebuilding
        return configuration
    }

    /// A copy of the store written at event schema 1 by the version before upcasting existed.
    func fixtureCopy() throws -> String {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/schema-v1.store")
        let copy = folder.appendingPathComponent("schema-v1.store").path
        try FileManager.default.copyItem(atPath: source.path, toPath: copy)
        return copy
    }

    /// Given a store written at schema 1 with projection v1, when this version opens it, then the
    /// projection is rebuilt (old events upcast), the chain verifies and the stored bytes are untouched.
    @Test func theSchema1FixtureLoadsRebuildsAndVerifies() async throws {
        let path = try fixtureCopy()
        let before = try await LedgerService.open(at: path, configuration: configuration(rebuilding: false))
        let stale = try await before.projectionStatus()
        #expect(stale.map(\.state) == [.stale, .missing], "the orders projection came after the fixture")
        #expect(stale.first?.storedVersion == 1 && stale.first?.version == LedgerProjection().version)
        let oldPayload = try #require(try await before.store.readAll(after: 27, limit: 1).first)
        #expect(oldPayload.type == "MappingActivated" && oldPayload.schemaVersion == 1)

        let service = try await LedgerService.open(at: path, configuration: configuration())
        #expect(try await service.projectionStatus().map(\.state) == [.current, .current])
        let channels = try await service.channels()
        #expect(channels.map(\.state.name) == ["US Storefront", "EU Shop"])
        #expect(channels.map(\.state.status) == [.live, .authorized])
        let eu = try #require(channels.last?.state)
        #expect(eu.mappings.filter(\.active).count == 8)
        #expect(
            eu.mappings.allSatisfy { $0.active ? $0.activatedCatalogVersion == 1 : $0.activatedCatalogVersion == nil })
        let head = try await service.verify()
        #expect(head.position == 30 && head.hash.hexString == Self.fixtureHeadHash)
        #expect(try await service.store.readAll(after: 27, limit: 1).first == oldPayload, "stored bytes never change")

        let early = try await service.asOf(.position(15))
        #expect(try await early.service.channels().map(\.state.name) == ["US Storefront"])
        #expect(try await service.asOf(.position(30)).service.channels() == channels)
        _ = try await service.vault()  // the fixture's key still opens it
    }

    /// Given a log of many channels and other events whose live models were damaged, when the
    /// summary projection is rebuilt in small batches, then every document and every name and
    /// target-ID claim equals what the inline projection wrote.
    @Test func aRebuildEqualsTheInlineProjectionByteForByte() async throws {
        let path = folder.appendingPathComponent("big.store").path
        let store = try await Self.stores.create(path, projections: LedgerService.projections).0
        let values = try await ChannelLogGenerator(channels: 120, rounds: 20).generate(into: store)
        let head = try await store.head().position
        #expect(head > 8_000)
        let inline = try await Self.capture(store, values)
        #expect(inline.claimedCount == 240, "each channel holds its name and its target ID")

        try Self.damage(path, "DELETE FROM claims; UPDATE documents SET data = x'7b7d' WHERE model = 'channel';")
        #expect(try await Self.capture(store, values) != inline)
        var reports = 0
        let service = LedgerService.make(store: store, location: path, configuration: configuration())
        let positions = try await service.rebuild(LedgerService.projections, restart: true, batchSize: 777) { _ in
            reports += 1
        }
        #expect(positions == [head, head])
        #expect(reports > head / 777)
        #expect(try await Self.capture(store, values) == inline)
        let fold = try await service.asOf(.position(head)).service
        #expect(try await Self.capture(fold.readModels, values) == inline)
    }

    /// Given an event whose type this version does not know (a newer version wrote it), then
    /// history shows it raw, commands and rebuilds that need it fail naming it, and the rest works.
    @Test func anUnknownEventTypeIsShownRawAndRefusedWhereNeeded() async throws {
        let path = folder.appendingPathComponent("newer.store").path
        let store = try await Self.stores.create(path, projections: LedgerService.projections).0
        let fixture = try await ServiceFixture(store: store).registered()
        let service = fixture.service
        let a = try await service.createChannel(named: "A", transport: "sandbox", context: fixture.context)
        _ = try await service.createChannel(named: "B", transport: "sandbox", context: fixture.context)
        let stream = Streams.channel(try #require(a.view.state.id))

        let newer = try await Self.stores.open(path, projections: [])
        try await newer.append(
            [
                NewEvent(
                    id: UUIDv7.make(), type: "ChannelTeleported", schemaVersion: 1,
                    recordedAt: Timestamp(Date()), payload: Data(#"{"to":"mars"}"#.utf8),
                    metadata: EventMetadata(actor: "future", source: "cli"))
            ], to: stream, expected: .exact(1))

        let raw = try #require(try await service.history().last)
        #expect(raw.type == "ChannelTeleported" && raw.payload == Data(#"{"to":"mars"}"#.utf8))
        #expect(try await service.event(at: raw.position).typeIsKnown == false)
        await #expect(throws: EventCodecError.unknownType("ChannelTeleported")) {
            _ = try await service.renameChannel("A", to: "A2", context: fixture.context)
        }
        await #expect(throws: EventCodecError.unknownType("ChannelTeleported")) {
            try await service.rebuild(LedgerService.projections, restart: true)
        }
        await #expect(throws: EventCodecError.unknownType("ChannelTeleported")) {
            _ = try await service.asOf(.position(raw.position))
        }
        #expect(try await service.channel("A").state.name == "A", "the live read model still answers")
        let renamed = try await service.renameChannel("B", to: "B2", context: fixture.context)
        #expect(renamed.view.state.name == "B2")
    }

    /// Given a stale projection, when several processes open the store at once, then every one
    /// opens: whichever loses the rebuild to another waits for that one to swap in.
    @Test func processesOpeningAStaleStoreTogetherAllSucceed() async throws {
        let path = folder.appendingPathComponent("stale.store").path
        let old = ContractlessSummary()
        let store = try await Self.stores.create(path, projections: [old]).0
        try await ChannelLogGenerator(channels: 60, rounds: 10).generate(into: store)
        let head = try await store.head().position
        let opened = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let handle = try await Self.stores.open(path, projections: LedgerService.projections)
                    let service = LedgerService.make(store: handle, location: path, configuration: configuration())
                    try await service.rebuildStaleProjections()
                    return try await service.projectionStatus().first!.checkpoint
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(opened == [head, head, head, head])
        let current = try await Self.stores.open(path, projections: LedgerService.projections)
        #expect(try await current.stagedRebuild(LedgerProjection().name) == nil)
        #expect(try await current.projectionCheckpoints().first?.version == LedgerProjection().version)
    }

    /// The summary projection as an older version had it: same name, version 1.
    struct ContractlessSummary: Projection {
        let inner = LedgerProjection()
        var name: String { inner.name }
        var version: Int { 1 }
        var models: [String] { inner.models }
        var claimKinds: [String] { inner.claimKinds }
        func handles(_ type: String) -> Bool { inner.handles(type) }
        func apply(_ event: RecordedEvent, to models: any ReadModelWriter) throws { try inner.apply(event, to: models) }
    }

    // MARK: - Helpers

    /// Every summary document and the owner of every name and target ID a generated log used.
    static func capture(_ reader: any ReadModelReader, _ values: ChannelLogGenerator.Values) async throws
        -> ReadModelCapture
    {
        try await ReadModelCapture(
            of: reader, models: LedgerProjection().models,
            claims: [
                ReadModels.channelNameClaim: values.names.map(ChannelName.key),
                ReadModels.targetIDClaim: values.targetIDs,
            ])
    }

    /// Changes a store file behind the store's back with the sqlite3 shell, as damage would.
    static func damage(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
    }
}
