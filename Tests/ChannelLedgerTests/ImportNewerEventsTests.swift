import ChannelDomain
import ChannelLedgerTesting
import EventSourcing
import Foundation
import LedgerWiring
import Testing

@_spi(Testing) @testable import ChannelLedger

/// An export written by a newer version may hold events this version cannot fold: a type it does
/// not know, or a schema version above the one it reads, in a stream of a category it folds. An
/// import refuses such a file before it writes anything, small or large, new store or not; events
/// of a category it has no fold for are imported as they are (history shows them raw).
@Suite struct ImportNewerEventsTests {
    let folder: URL
    let configuration = LedgerConfiguration(transports: TransportRegistry([]), stores: SQLiteStoreProvider())

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cl-newer-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A new SQLite store in the test's folder, with the ledger's projections.
    func newStore(_ name: String) async throws -> any EventStore {
        try await configuration.stores.create(
            folder.appendingPathComponent(name).path, projections: LedgerService.projections
        ).0
    }

    /// The export of a generated log of `channels` channels with one event of `type` at
    /// `schemaVersion` appended after it to the first channel's stream (or to `stream`), the line
    /// that event is on, and its position (the file's last).
    func export(
        channels: Int, rounds: Int, type: String, schemaVersion: Int = 1, stream: StreamName? = nil
    ) async throws -> (path: String, line: Int, head: Int64) {
        let source = InMemoryEventStore(projections: [])
        try await ChannelLogGenerator(channels: channels, rounds: rounds).generate(into: source)
        let first = try #require(
            try await source.readAll(after: 0, limit: 10_000).first { $0.stream.category == "channel" })
        let target = stream ?? first.stream
        try await source.append(
            [
                NewEvent(
                    id: UUIDv7.make(), type: type, schemaVersion: schemaVersion, recordedAt: Timestamp(Date()),
                    payload: Data(#"{"to":"mars"}"#.utf8), metadata: EventMetadata(actor: "future", source: "cli"))
            ], to: target, expected: .any)
        let head = try await source.head().position
        let path = folder.appendingPathComponent("\(type)-\(schemaVersion)-\(head).jsonl").path
        let service = LedgerService.make(store: source, location: "memory", configuration: configuration)
        _ = try await service.export(to: path)
        return (path, Int(head) + 1, head)  // the header is line 1
    }

    /// Given an unknown type in a channel stream, when it is imported into a new store (below and
    /// above the size whose read models are rebuilt after writing), then the import is refused at
    /// its line, naming the type, and the store it created is removed.
    @Test(arguments: [(2, 2), (40, 30)])
    func anUnknownTypeIsRefusedAndTheNewStoreRemoved(channels: Int, rounds: Int) async throws {
        let file = try await export(channels: channels, rounds: rounds, type: "ChannelTeleported")
        let location = folder.appendingPathComponent("new-\(file.head).store").path
        await #expect(
            throws: LedgerError.importNewerEvent(
                line: file.line,
                reason:
                    "the event at position \(file.head) is of type ChannelTeleported, which this version of channel-ledger does not know (a newer version wrote it)"
            )
        ) {
            _ = try await LedgerService.importLog(from: file.path, into: location, configuration: configuration)
        }
        #expect(!FileManager.default.fileExists(atPath: location), "the store the import created is removed")
    }

    /// Given a schema version above the one this version reads, when it is imported into a store
    /// that exists, then nothing is written.
    @Test func aNewerSchemaVersionIsRefusedBeforeAnythingIsWritten() async throws {
        let file = try await export(channels: 2, rounds: 2, type: ChannelRenamed.wireName, schemaVersion: 99)
        let store = try await newStore("existing.store")
        await #expect(
            throws: LedgerError.importNewerEvent(
                line: file.line,
                reason:
                    "the event at position \(file.head) is ChannelRenamed at schema version 99, which this version of channel-ledger reads up to 1 (a newer version wrote it)"
            )
        ) {
            _ = try await LedgerService.importLog(from: file.path, into: store)
        }
        #expect(try await store.head().position == 0)
    }

    /// Given an unknown type in a stream of a category no projection folds, when it is imported
    /// into a new store, then it is written as it is and the read models are rebuilt around it.
    @Test func anEventOfAnUnknownCategoryIsImportedAsItIs() async throws {
        let file = try await export(
            channels: 40, rounds: 30, type: "WidgetMade", stream: try StreamName("widget-1234"))
        let store = try await newStore("widget.store")
        let summary = try await LedgerService.importLog(from: file.path, into: store, checkingFirst: false)
        #expect(summary.head.position == file.head)
        #expect(try await store.readAll(after: file.head - 1, limit: 1).first?.type == "WidgetMade")
        #expect(try await store.documents(ReadModels.channel).count == 40)
        let checkpoints = try await store.projectionCheckpoints()
        #expect(checkpoints.allSatisfy { $0.position == file.head }, "the read models are at the head")
    }

    /// Given a refusal in a chunk's lines while the chunk before is still being written, then the
    /// import waits for that chunk before it reports the refusal: nothing writes once it returned.
    @Test func aRefusalWaitsForTheChunkInFlight() async throws {
        let file = try await export(channels: 40, rounds: 14, type: "ChannelTeleported")
        #expect((2_001...4_000).contains(file.head), "the refused line is in the second chunk")
        let inner = try await newStore("slow.store")
        // The first chunk's append is held back half a second: the second chunk's lines, the
        // refused one among them, are checked meanwhile.
        let store = RacingStore(inner: inner, batches: true) { try await Task.sleep(for: .milliseconds(500)) }
        await #expect(throws: Self.refusal(of: file)) {
            _ = try await LedgerService.importLog(from: file.path, into: store, checkingFirst: false)
        }
        #expect(try await inner.head().position == 2_000, "the first chunk was written before the import returned")
        #expect(await store.batchAppends == 1)
    }

    /// Given another writer racing the first chunk while the second chunk's lines hold a refused
    /// one, then the race is reported: it came first, and what it wrote stays.
    @Test func aRacedChunkIsReportedBeforeALaterRefusal() async throws {
        let file = try await export(channels: 40, rounds: 14, type: "ChannelTeleported")
        let inner = try await newStore("raced.store")
        let store = RacingStore(inner: inner, batches: true) {
            try await inner.append(
                [
                    NewEvent(
                        id: UUIDv7.make(), type: "WidgetMade", schemaVersion: 1, recordedAt: Timestamp(Date()),
                        payload: Data("{}".utf8), metadata: EventMetadata(actor: "rival", source: "cli"))
                ], to: try StreamName("widget-1"), expected: .any)
        }
        await #expect(throws: LedgerError.importRaced(line: 2, imported: 0)) {
            _ = try await LedgerService.importLog(from: file.path, into: store, checkingFirst: false)
        }
        #expect(try await inner.head().position == 1, "the rival's event stays, nothing of the file")
    }

    /// Given an event at schema version 0, which no version writes, in a folded stream, then the
    /// file is refused as unreadable at its line.
    @Test func aSchemaVersionBelowOneIsRefused() async throws {
        let file = try await export(channels: 2, rounds: 2, type: ChannelRenamed.wireName, schemaVersion: 0)
        let store = try await newStore("zero.store")
        await #expect(
            throws: LedgerError.importUnreadable(
                line: file.line, reason: "the event at position \(file.head) has schema version 0; versions start at 1")
        ) {
            _ = try await LedgerService.importLog(from: file.path, into: store)
        }
        #expect(try await store.head().position == 0)
    }

    /// The refusal of the unknown `ChannelTeleported` event `file` ends with.
    static func refusal(of file: (path: String, line: Int, head: Int64)) -> LedgerError {
        .importNewerEvent(
            line: file.line,
            reason:
                "the event at position \(file.head) is of type ChannelTeleported, which this version of channel-ledger does not know (a newer version wrote it)"
        )
    }
}
