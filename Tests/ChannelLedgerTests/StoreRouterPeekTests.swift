import ChannelLedger
import EventSourcing
import Foundation
import Testing

@testable import LedgerWiring

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

    /// A URL of another kind is refused before any file is made: as a path it would become a folder
    /// named after its scheme (`mysql:`) holding a SQLite store.
    @Test(arguments: ["mysql://db/ledger", "sqlite:///tmp/x.sqlite", "file:///tmp/x", "HTTPS://example.com/x"])
    func aURLOfAnotherKindIsNoStoreLocation(_ location: String) async throws {
        await #expect(throws: LedgerError.unsupportedStoreLocation(location)) {
            try await Self.stores.create(location, projections: [])
        }
        await #expect(throws: LedgerError.unsupportedStoreLocation(location)) {
            try await Self.stores.open(location, projections: [])
        }
        #expect(!FileManager.default.fileExists(atPath: String(location.prefix { $0 != "/" })))
    }

    /// The refusal names the location without its password.
    @Test func aRefusedURLIsShownWithoutItsPassword() async throws {
        await #expect(throws: LedgerError.unsupportedStoreLocation("mysql://db.internal/ledger")) {
            try await Self.stores.open("mysql://app:s3cret@db.internal/ledger", projections: [])
        }
        #expect(Self.stores.displayName("mysql://app:s3cret@db.internal/ledger") == "mysql://db.internal/ledger")
    }

    /// Paths that merely contain `://` past their first folder, or start with no scheme, stay paths.
    @Test(arguments: ["/tmp/a://b.sqlite", "ledger.sqlite", "./x://y", "1abc://z"])
    func pathsStayPaths(_ location: String) {
        #expect(!StoreRouter.isOtherURL(location))
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
