import ChannelLedger
import EventSourcing
import Foundation
import LedgerWiring
import Testing

/// The peek at a stream as the executable wires it (the router, then the SQLite provider),
/// with the adapter's errors mapped as `open` maps them.
@Suite struct StoreRouterPeekTests {
    static let stores = Wiring.stores(logger: .init(label: "test"))

    @Test func aMissingFileIsAMissingStore() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cl-peek-\(UUID()).sqlite").path
        await #expect(throws: LedgerError.storeMissing(path: path)) {
            try await Self.stores.peek(try StreamName("ledger"), at: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theSchema1FixtureShowsItsLedgerStreamUnchanged() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cl-peek-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/schema-v1.store")
        let path = folder.appendingPathComponent("schema-v1.store").path
        try FileManager.default.copyItem(atPath: source.path, toPath: path)
        let bytes = FileManager.default.contents(atPath: path)

        let ledger = try await Self.stores.peek(try StreamName("ledger"), at: path)
        #expect(ledger.map(\.type) == ["LedgerInitialized"])
        #expect(ledger.first?.position == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["schema-v1.store"])
        #expect(FileManager.default.contents(atPath: path) == bytes)
    }
}
