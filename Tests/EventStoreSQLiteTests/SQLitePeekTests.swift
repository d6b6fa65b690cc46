import ChannelLedgerTesting
import EventSourcing
import Foundation
import GRDB
import Testing

@testable import EventStoreSQLite

/// The read-only look at a store's first event: what it returns, and that it leaves the folder as
/// it found it (no migration, no lock file, no `-wal` or `-shm` file, not one byte changed).
@Suite struct SQLitePeekTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// Every entry of the test folder, with the bytes of each file (nil for a folder).
    func snapshot() throws -> [String: Data?] {
        var entries: [String: Data?] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            entries[name] = FileManager.default.contents(atPath: directory.file(name))
        }
        return entries
    }

    /// A store with two streams' events, released again: its file is all there is.
    func closedStore(_ name: String = "ledger.sqlite") async throws -> String {
        let path = directory.file(name)
        let store = try SQLiteEventStore.create(at: path, projections: [ContractProjection()])
        try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
        try await store.append(Fixtures.events(3), to: Fixtures.stream("b"), expected: .noStream)
        return path
    }

    @Test func givenAStoreNoProcessHasOpenThenAStreamPeekedIsTheStreamReadAndNoFileChanges() async throws {
        let path = try await closedStore()
        let before = try snapshot()
        #expect(before.keys.sorted() == ["ledger.sqlite", "ledger.sqlite.lock"], "the store let go of its log")

        let a = try await SQLiteEventStore.peek(stream: Fixtures.stream("a"), at: path)
        let b = try await SQLiteEventStore.peek(stream: Fixtures.stream("b"), at: path)
        #expect(try await SQLiteEventStore.peek(stream: Fixtures.stream("none"), at: path).isEmpty)
        #expect(try snapshot() == before)

        let store = try SQLiteEventStore.open(at: path, projections: [ContractProjection()])
        #expect(try await store.read(stream: Fixtures.stream("a")) == a)
        #expect(try await store.read(stream: Fixtures.stream("b")) == b)
        #expect(a.map(\.position) == [1, 2])
        #expect(b.map(\.version) == [1, 2, 3])
    }

    @Test func givenAWriterHoldsTheFileThenTheEventsStillInItsLogAreRead() async throws {
        let path = directory.file("ledger.sqlite")
        let store = try SQLiteEventStore.create(at: path, projections: [])
        try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
        // Not checkpointed yet: the main file alone still holds an empty log.
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        let names = try snapshot().keys.sorted()
        let bytes = FileManager.default.contents(atPath: path)

        let events = try await SQLiteEventStore.peek(stream: Fixtures.stream("a"), at: path)
        #expect(events.count == 2)
        #expect(try await store.read(stream: Fixtures.stream("a")) == events)
        #expect(try snapshot().keys.sorted() == names)
        #expect(FileManager.default.contents(atPath: path) == bytes)
    }

    @Test func anEmptyStoreHasNoEvents() async throws {
        let path = directory.file("ledger.sqlite")
        _ = try SQLiteEventStore.create(at: path, projections: [])
        let before = try snapshot()
        #expect(try await SQLiteEventStore.peek(stream: Fixtures.stream("a"), at: path).isEmpty)
        #expect(try snapshot() == before)
    }

    @Test func aMissingFileIsNotFoundAndNothingIsCreated() async throws {
        let path = directory.file("ledger.sqlite")
        await #expect(throws: SQLiteStoreError.notFound(path)) {
            try await SQLiteEventStore.peek(stream: Fixtures.stream("a"), at: path)
        }
        #expect(try snapshot().isEmpty)
    }

    @Test func filesThatAreNotStoresAreRefusedUnchanged() async throws {
        let notStores = try directory.filesThatAreNotStores()
        let foreign = directory.file("foreign.sqlite")
        do {
            var configuration = Configuration()
            configuration.journalMode = .wal
            let queue = try DatabaseQueue(path: foreign, configuration: configuration)
            try await queue.write { db in
                try db.execute(sql: "CREATE TABLE events (body TEXT); INSERT INTO events VALUES ('hi')")
            }
            try queue.close()
        }
        let before = try snapshot()
        for path in notStores + [foreign] {
            await #expect(throws: SQLiteStoreError.notAStore(path)) {
                try await SQLiteEventStore.peek(stream: Fixtures.stream("a"), at: path)
            }
        }
        #expect(try snapshot() == before)
    }

    /// The use it is made for: a store written by an older version, looked at before anything migrates it.
    @Test func theSchema1FixtureIsReadBeforeAnyMigration() async throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/schema-v1.store")
        let path = directory.file("schema-v1.store")
        try FileManager.default.copyItem(atPath: source.path, toPath: path)
        let before = try snapshot()

        let ledger = try await SQLiteEventStore.peek(stream: try StreamName("ledger"), at: path)
        #expect(try snapshot() == before)
        #expect(ledger.map(\.type) == ["LedgerInitialized"])
        #expect(ledger.first?.position == 1)

        let store = try SQLiteEventStore.open(at: path, projections: [])
        #expect(try await store.read(stream: try StreamName("ledger")) == ledger)
    }
}
