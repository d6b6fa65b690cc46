import EventSourcing
import Foundation
import GRDB

extension SQLiteEventStore: SnapshotKeeping {
    /// Every mark kept, by position.
    public func snapshotMarks() async throws -> [SnapshotMark] {
        try await reading("reading as-of snapshots in") { db in
            try Row.fetchAll(
                db, sql: "SELECT position, previous, fingerprint, latest_time FROM snapshot_marks ORDER BY position"
            ).map {
                SnapshotMark(
                    position: $0["position"], previous: $0["previous"], fingerprint: $0["fingerprint"],
                    latestTime: Timestamp(millisecondsSince1970: $0["latest_time"]))
            }
        }
    }

    /// Each row's latest change at or before the mark (one pass over the primary key: SQLite
    /// takes a bare column from the row that holds the `MAX`), removed rows left out; nil when
    /// the mark is gone. One read transaction: the mark and its rows are seen together.
    public func snapshotRows(at mark: SnapshotMark) async throws -> [SnapshotRow]? {
        try await reading("reading an as-of snapshot in") { db in
            let kept = try Bool.fetchOne(
                db,
                sql:
                    "SELECT EXISTS (SELECT 1 FROM snapshot_marks WHERE position = ? AND fingerprint = CAST(? AS TEXT))",
                arguments: [mark.position, SQLiteText.bind(mark.fingerprint)])
            guard kept == true else { return nil }
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT kind, name, key, data, MAX(position) FROM snapshot_rows
                    WHERE position <= ? GROUP BY kind, name, key
                    """,
                arguments: [mark.position])
            var snapshot: [SnapshotRow] = []
            while let row = try rows.next() {
                guard let data: Data = row["data"], let kind = SnapshotRow.Kind(rawValue: row["kind"]) else { continue }
                snapshot.append(
                    SnapshotRow(
                        kind: kind, name: try SQLiteText.read(row, 1), key: try SQLiteText.read(row, 2), data: data))
            }
            return snapshot
        }
    }

    /// Keeps the rows and the mark in one write transaction.
    public func saveSnapshot(_ mark: SnapshotMark, changes: [SnapshotRow]) async throws {
        try await writingBesideTheLog("keeping an as-of snapshot in") { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO snapshot_rows (kind, name, key, position, data)
                    VALUES (CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), ?, ?)
                    """)
            for row in changes {
                try insert.execute(arguments: [
                    row.kind.rawValue, SQLiteText.bind(row.name), SQLiteText.bind(row.key), mark.position, row.data,
                ])
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO snapshot_marks (position, previous, fingerprint, latest_time)
                    VALUES (?, ?, CAST(? AS TEXT), ?)
                    """,
                arguments: [
                    mark.position, mark.previous, SQLiteText.bind(mark.fingerprint),
                    mark.latestTime.millisecondsSince1970,
                ])
        }
    }

    /// Forgets every mark and row.
    public func dropSnapshots() async throws {
        try await writingBesideTheLog("dropping as-of snapshots in") { db in
            try db.execute(sql: "DELETE FROM snapshot_marks; DELETE FROM snapshot_rows")
        }
    }
}
