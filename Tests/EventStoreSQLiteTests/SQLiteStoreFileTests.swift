import ChannelLedgerTesting
import EventSourcing
import Foundation
import GRDB
import Testing

@testable import EventStoreSQLite

/// Creating, opening and recognising store files.
@Suite struct SQLiteStoreFileTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func createsTheStoreAndLockFileOwnerOnly() async throws {
        let path = directory.file()
        let store = try SQLiteEventStore.create(at: path, projections: [])
        try await store.append(Fixtures.events(1), to: Fixtures.stream("a"), expected: .noStream)
        #expect(store.path == path)
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode(path + ".lock") == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try Self.mode(path + suffix) == 0o600, "\(suffix)")
        }
        #expect(try await store.schemaVersion() == 7)
    }

    @Test func createRefusesAnExistingFile() async throws {
        let path = directory.file()
        let store = try SQLiteEventStore.create(at: path, projections: [])
        try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
        #expect(throws: SQLiteStoreError.alreadyExists(path)) {
            try SQLiteEventStore.create(at: path, projections: [])
        }
        #expect(try await store.head().position == 2)
        #expect(try await SQLiteEventStore.open(at: path, projections: []).head().position == 2)
        let text = directory.file("notes.txt")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: SQLiteStoreError.alreadyExists(text)) {
            try SQLiteEventStore.create(at: text, projections: [])
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: text)) == Data("hello".utf8))
    }

    @Test func createNeedsAnExistingFolder() {
        let folder = directory.file("missing")
        #expect(throws: SQLiteStoreError.directoryNotFound(folder)) {
            try SQLiteEventStore.create(at: folder + "/ledger.sqlite", projections: [])
        }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func openReportsAMissingStore() {
        let path = directory.file()
        #expect(throws: SQLiteStoreError.notFound(path)) { try SQLiteEventStore.open(at: path, projections: []) }
        #expect(
            SQLiteStoreError.notFound(path).description
                == "no store at \(path)")
    }

    @Test func openRefusesFilesThatAreNotStores() throws {
        let notStores = try directory.filesThatAreNotStores()
        for path in notStores {
            #expect(throws: SQLiteStoreError.notAStore(path)) { try SQLiteEventStore.open(at: path, projections: []) }
        }
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: notStores[0]))
                == Data("this is not a database, not even close".utf8),
            "the text file is left as it was")
    }

    @Test func aFileAKilledCreationLeftIsUnfinishedAndCreateStartsItAfresh() async throws {
        for path in try directory.unfinishedStores() {
            // While a process holds the store's lock the file is being created: busy, not unfinished.
            let lock = open(path + ".lock", O_RDWR | O_CREAT, 0o600)
            #expect(flock(lock, LOCK_EX) == 0)
            await #expect(throws: SQLiteStoreError.busy(path)) {
                try await SQLiteEventStore.peek(stream: Fixtures.stream("a"), at: path)
            }
            close(lock)
            #expect(throws: SQLiteStoreError.unfinished(path)) { try SQLiteEventStore.open(at: path, projections: []) }
            await #expect(throws: SQLiteStoreError.unfinished(path)) {
                try await SQLiteEventStore.peek(stream: Fixtures.stream("a"), at: path)
            }
            let store = try SQLiteEventStore.create(at: path, projections: [])
            try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
            #expect(try await store.schemaVersion() == 7)
            #expect(try Self.mode(path) == 0o600, "created afresh, owner only")
        }
        #expect(
            SQLiteStoreError.unfinished("/data/l.sqlite").description
                == "the store at /data/l.sqlite was left unfinished by an interrupted creation")
    }

    @Test func openLeavesAnotherApplicationsDatabaseUntouched() throws {
        let path = directory.file("foreign.sqlite")
        do {
            let foreign = try DatabaseQueue(path: path)
            try foreign.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi')") }
            try foreign.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: SQLiteStoreError.notAStore(path)) { try SQLiteEventStore.open(at: path, projections: []) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let foreign = try DatabaseQueue(path: path)
        #expect(try foreign.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
    }

    @Test func pragmasAreWhatTheStorePromises() async throws {
        let store = try SQLiteEventStore.create(at: directory.file(), projections: [])
        let writer = try await store.pool.write { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA synchronous"), try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
            )
        }
        #expect(writer.0 == 2)
        #expect(writer.1 == "wal")
        #expect(writer.2 == 60_000)
        let reader = try await store.pool.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        #expect(reader.0 == 2)
        #expect(reader.1 == 60_000)

        let reopened = try SQLiteEventStore.open(
            at: store.path, projections: [], options: .init(synchronous: .normal, busyTimeout: .milliseconds(1_500)))
        let normal = try await reopened.pool.write { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        #expect(normal.0 == SQLiteStoreOptions.Synchronous.normal.pragmaValue)
        #expect(normal.1 == 1_500)
        #expect(SQLiteStoreOptions().synchronous == .full)
        #expect(SQLiteStoreOptions().busyTimeout == .seconds(60))
    }

    @Test func reopeningPreservesEverything() async throws {
        let path = directory.file()
        let projection = ContractProjection()
        var before: [RecordedEvent] = []
        let batch = Fixtures.events(3)
        do {
            let store = try SQLiteEventStore.create(at: path, projections: [projection])
            try await store.append(
                [
                    NewEvent(
                        id: UUIDv7.make(), type: ContractProjection.named, schemaVersion: 1,
                        recordedAt: Timestamp(Date()),
                        payload: ContractProjection.namePayload("kept"),
                        metadata: EventMetadata(actor: "a", source: "cli"))
                ],
                to: Fixtures.stream("a"), expected: .noStream)
            try await store.append(batch, to: Fixtures.stream("b"), expected: .noStream)
            before = try await Fixtures.log(of: store)
        }
        let store = try SQLiteEventStore.open(at: path, projections: [projection])
        #expect(try await Fixtures.log(of: store) == before)
        #expect(try await store.head() == LogHead(position: 4, hash: before[3].hash))
        #expect(try await store.version(of: Fixtures.stream("b")) == 3)
        #expect(try await store.claimOwner(ContractProjection.nameKind, value: "kept") == Fixtures.stream("a").rawValue)
        #expect(try await ContractProjection.counter(of: Fixtures.stream("b"), in: store)?.count == 3)
        #expect(try await store.checkpoint(projection.name) == 4)
        #expect(try await store.schemaVersion() == 7)

        let more = try await store.append(Fixtures.events(2), to: Fixtures.stream("b"), expected: .exact(3))
        #expect(more.positions == [5, 6])
        #expect(try await Fixtures.verify(store) == store.head())
        // The original batch is still recognised as recorded after reopening.
        let again = try await store.append(batch, to: Fixtures.stream("b"), expected: .noStream)
        #expect(again == AppendResult(positions: [2, 3, 4], streamVersion: 5, wasDuplicate: true))
    }

    @Test func theSchemaCarriesTheInvariants() async throws {
        let store = try SQLiteEventStore.create(at: directory.file(), projections: [])
        try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
        let raw = try DatabaseQueue(path: store.path)
        let statements = [
            "INSERT INTO events SELECT position + 10, randomblob(16), stream_id, version, type, schema_version, recorded_at, actor, correlation_id, causation_id, source, payload, hash FROM events WHERE position = 1",
            "INSERT INTO events SELECT position + 10, event_id, stream_id, version + 10, type, schema_version, recorded_at, actor, correlation_id, causation_id, source, payload, hash FROM events WHERE position = 1",
            "INSERT INTO streams (name, version) VALUES ('test:a', 0)",
            "INSERT INTO claims VALUES ('k', 'v', 'one'), ('k', 'v', 'two')",
            "INSERT INTO staged_claims VALUES ('p', 'k', 'v', 'one'), ('p', 'k', 'v', 'two')",
            "INSERT INTO staged_rebuilds VALUES ('p', 1, 0, x'00')",
        ]
        for sql in statements {
            #expect(throws: DatabaseError.self, "\(sql)") { try raw.write { try $0.execute(sql: sql) } }
        }
        let tables = try await raw.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(
            tables == [
                "checkpoints", "claims", "documents", "events", "grdb_migrations", "leases", "snapshot_marks",
                "staged_claims",
                "staged_documents", "staged_rebuilds", "streams", "subject_keys", "work_attempts",
            ])
    }
}
