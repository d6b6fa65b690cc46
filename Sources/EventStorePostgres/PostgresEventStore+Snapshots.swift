import EventSourcing
import Foundation
import NIOCore
import PostgresNIO

extension PostgresEventStore: SnapshotKeeping {
    /// Every mark kept, by position.
    public func snapshotMarks() async throws -> [SnapshotMark] {
        try await reading("reading as-of snapshots in") { connection in
            let rows = try await connection.fetch(
                .sql(
                    """
                    SELECT position, previous, base, carried, fingerprint, latest_time FROM snapshot_marks
                    ORDER BY position
                    """))
            return try rows.map { row in
                let (position, previous, base, carried, fingerprint, latestTime) = try row.decode(
                    (Int64, Int64, Int64, Int64, String, Int64).self)
                return SnapshotMark(
                    position: position, previous: previous, base: base, carried: carried, fingerprint: fingerprint,
                    latestTime: Timestamp(millisecondsSince1970: latestTime))
            }
        }
    }

    /// Each row's latest change from the mark's base up to the mark (the packed rows of those
    /// marks, in order), removed rows left out; nil when the mark is gone, or a mark between was
    /// deleted or is of another fingerprint. One statement, so one snapshot of the table.
    public func snapshotRows(at mark: SnapshotMark) async throws -> [SnapshotRow]? {
        try await reading("reading an as-of snapshot in") { connection in
            let rows = try await connection.fetch(
                .sql(
                    """
                    SELECT position, previous, rows FROM snapshot_marks
                    WHERE position BETWEEN $2 AND $1 AND fingerprint = $3 AND EXISTS (
                        SELECT 1 FROM snapshot_marks WHERE position = $1 AND base = $2 AND fingerprint = $3
                    )
                    ORDER BY position
                    """, mark.position, mark.base, mark.fingerprint))
            let marks = try rows.map { row in
                let (position, previous, packed) = try row.decode((Int64, Int64, Data).self)
                return (position: position, previous: previous, rows: packed)
            }
            return try SnapshotPack.rows(at: mark.position, from: mark.base, marks: marks)
        }
    }

    /// Keeps the mark with its rows packed, in one statement; a mark saved again is replaced.
    public func saveSnapshot(_ mark: SnapshotMark, changes: [SnapshotRow]) async throws {
        let rows = ByteBuffer(bytes: try SnapshotPack.pack(changes))
        try await reading("keeping an as-of snapshot in") { connection in
            _ = try await connection.fetch(
                .sql(
                    """
                    INSERT INTO snapshot_marks (position, previous, base, carried, fingerprint, latest_time, rows)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (position) DO UPDATE SET previous = EXCLUDED.previous, base = EXCLUDED.base,
                        carried = EXCLUDED.carried, fingerprint = EXCLUDED.fingerprint,
                        latest_time = EXCLUDED.latest_time, rows = EXCLUDED.rows
                    """, mark.position, mark.previous, mark.base, mark.carried, mark.fingerprint,
                    mark.latestTime.millisecondsSince1970, rows))
        }
    }

    /// Forgets every mark and its rows.
    public func dropSnapshots() async throws {
        try await reading("dropping as-of snapshots in") { connection in
            _ = try await connection.fetch(.sql("DELETE FROM snapshot_marks"))
        }
    }
}
