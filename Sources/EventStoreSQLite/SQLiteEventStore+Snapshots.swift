import EventSourcing
import Foundation
import GRDB

extension SQLiteEventStore: SnapshotKeeping {
    /// Every mark kept, by position.
    public func snapshotMarks() async throws -> [SnapshotMark] {
        try await reading("reading as-of snapshots in") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT position, previous, base, carried, fingerprint, latest_time FROM snapshot_marks
                    ORDER BY position
                    """
            ).map {
                SnapshotMark(
                    position: $0["position"], previous: $0["previous"], base: $0["base"], carried: $0["carried"],
                    fingerprint: $0["fingerprint"], latestTime: Timestamp(millisecondsSince1970: $0["latest_time"]))
            }
        }
    }

    /// Each row's latest change from the mark's base up to the mark (the packed rows of those
    /// marks, in order), removed rows left out; nil when the mark is gone, or a mark between was
    /// deleted or is of another fingerprint. One read transaction: the marks and their rows are
    /// seen together.
    public func snapshotRows(at mark: SnapshotMark) async throws -> [SnapshotRow]? {
        try await reading("reading an as-of snapshot in") { db in
            let kept = try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM snapshot_marks
                        WHERE position = ? AND base = ? AND fingerprint = CAST(? AS TEXT))
                    """,
                arguments: [mark.position, mark.base, SQLiteText.bind(mark.fingerprint)])
            guard kept == true else { return nil }
            let marks = try Row.fetchAll(
                db,
                sql: """
                    SELECT position, previous, rows FROM snapshot_marks
                    WHERE position BETWEEN ? AND ? AND fingerprint = CAST(? AS TEXT) ORDER BY position
                    """,
                arguments: [mark.base, mark.position, SQLiteText.bind(mark.fingerprint)]
            ).map { (position: $0["position"] as Int64, previous: $0["previous"] as Int64, rows: $0["rows"] as Data) }
            return try SnapshotPack.rows(at: mark.position, from: mark.base, marks: marks)
        }
    }

    /// Keeps the mark with its rows packed, in one statement; a mark saved again is replaced.
    public func saveSnapshot(_ mark: SnapshotMark, changes: [SnapshotRow]) async throws {
        let rows = try SnapshotPack.pack(changes)
        try await writingBesideTheLog("keeping an as-of snapshot in") { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO snapshot_marks (position, previous, base, carried, fingerprint, latest_time, rows)
                    VALUES (?, ?, ?, ?, CAST(? AS TEXT), ?, ?)
                    """,
                arguments: [
                    mark.position, mark.previous, mark.base, mark.carried, SQLiteText.bind(mark.fingerprint),
                    mark.latestTime.millisecondsSince1970, rows,
                ])
        }
    }

    /// Forgets every mark and its rows.
    public func dropSnapshots() async throws {
        try await writingBesideTheLog("dropping as-of snapshots in") { db in
            try db.execute(sql: "DELETE FROM snapshot_marks")
        }
    }
}
