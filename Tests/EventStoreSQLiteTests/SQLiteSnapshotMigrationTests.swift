import ChannelLedgerTesting
import EventSourcing
import Foundation
import GRDB
import Testing

@testable import EventStoreSQLite

/// Migration `v7-snapshot-bases` on a store whose `--as-of` snapshots version 6 wrote.
@Suite struct SQLiteSnapshotMigrationTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// Given a store at version 6 holding a snapshot mark and its unpacked rows, when a version-7
    /// binary opens it, then the old snapshots are gone (rows table and marks), the log is as it
    /// was, and marks are kept and read back packed.
    @Test func version6SnapshotsAreDroppedAndKeptAgainPacked() async throws {
        let path = directory.file("v6.store")
        let head: LogHead
        do {
            let store = try SQLiteEventStore.create(at: path, projections: [])
            try await store.append(Fixtures.events(3), to: Fixtures.stream("a"), expected: .noStream)
            head = try await store.head()
        }
        let raw = try DatabaseQueue(path: path)
        // Back to what version 6 left: its two tables, a mark and a row in them, no migration 7.
        try await raw.write { db in
            try db.execute(
                sql: """
                    DROP TABLE snapshot_marks;
                    \(SQLiteSchema.v6)
                    INSERT INTO snapshot_marks VALUES (2, 0, 'marks-v1 every 2; x 1', 0);
                    INSERT INTO snapshot_rows VALUES ('d', 'model', 'a', 2, x'7b7d');
                    DELETE FROM grdb_migrations WHERE identifier = 'v7-snapshot-bases';
                    """)
        }
        try raw.close()

        let reopened = try SQLiteEventStore.open(at: path, projections: [])
        #expect(try await reopened.schemaVersion() == 7)
        #expect(try await reopened.snapshotMarks().isEmpty, "version 6's marks dropped")
        #expect(try await Fixtures.verify(reopened).position == head.position, "the log as it was")
        #expect(try await reopened.head() == head)
        let tables = try await reading(path, "SELECT name FROM sqlite_master WHERE name LIKE 'snapshot%' ORDER BY name")
        #expect(tables == ["snapshot_marks"], "version 6's rows table dropped")

        let mark = SnapshotMark(
            position: 2, previous: 0, base: 2, fingerprint: "marks-v2 every 2; x 1",
            latestTime: Timestamp(millisecondsSince1970: 1))
        let row = SnapshotRow(kind: .document, name: "model", key: "a", data: Data("{}".utf8))
        try await reopened.saveSnapshot(mark, changes: [row])
        #expect(try await reopened.snapshotMarks() == [mark])
        #expect(try await reopened.snapshotRows(at: mark) == [row])
    }

    private func reading(_ path: String, _ sql: String) async throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try await queue.read { db in try String.fetchAll(db, sql: sql) }
    }
}
