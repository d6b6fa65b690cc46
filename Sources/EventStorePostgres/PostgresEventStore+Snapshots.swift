import EventSourcing
import Foundation
import NIOCore
import PostgresNIO

extension PostgresEventStore: SnapshotKeeping {
    /// Every mark kept, by position.
    public func snapshotMarks() async throws -> [SnapshotMark] {
        try await reading("reading as-of snapshots in") { connection in
            let rows = try await connection.fetch(
                .sql("SELECT position, previous, fingerprint, latest_time FROM snapshot_marks ORDER BY position"))
            return try rows.map { row in
                let (position, previous, fingerprint, latestTime) = try row.decode((Int64, Int64, String, Int64).self)
                return SnapshotMark(
                    position: position, previous: previous, fingerprint: fingerprint,
                    latestTime: Timestamp(millisecondsSince1970: latestTime))
            }
        }
    }

    /// Each row's latest change at or before the mark (`DISTINCT ON` over the primary key's
    /// order), removed rows left out; nil when the mark is gone. One statement, so one snapshot of
    /// the tables: a row of kind `m` says the mark was there, beside its rows.
    public func snapshotRows(at mark: SnapshotMark) async throws -> [SnapshotRow]? {
        try await reading("reading an as-of snapshot in") { connection in
            let rows = try await connection.fetch(
                .sql(
                    """
                    WITH mark AS (SELECT 1 FROM snapshot_marks WHERE position = $1 AND fingerprint = $2)
                    SELECT kind, name, key, data FROM (
                        SELECT DISTINCT ON (kind, name, key) kind, name, key, data FROM snapshot_rows
                        WHERE position <= $1 ORDER BY kind, name, key, position DESC
                    ) latest WHERE data IS NOT NULL AND EXISTS (SELECT 1 FROM mark)
                    UNION ALL
                    SELECT 'm', '', '', NULL::bytea WHERE EXISTS (SELECT 1 FROM mark)
                    """, mark.position, mark.fingerprint))
            var kept = false
            var snapshot: [SnapshotRow] = []
            for row in rows {
                let (kind, name, key, data) = try row.decode((String, String, String, Data?).self)
                if let kind = SnapshotRow.Kind(rawValue: kind), let data {
                    snapshot.append(SnapshotRow(kind: kind, name: name, key: key, data: data))
                } else {
                    kept = true
                }
            }
            return kept ? snapshot : nil
        }
    }

    /// Keeps the rows and the mark in one statement.
    public func saveSnapshot(_ mark: SnapshotMark, changes: [SnapshotRow]) async throws {
        try await reading("keeping an as-of snapshot in") { connection in
            _ = try await connection.fetch(
                .sql(
                    """
                    WITH kept AS (
                        INSERT INTO snapshot_rows (kind, name, key, position, data)
                        SELECT kind, name, key, $1, CASE WHEN removed THEN NULL ELSE data END
                        FROM unnest($2::text[], $3::text[], $4::text[], $5::bool[], $6::bytea[])
                            AS r(kind, name, key, removed, data)
                        ON CONFLICT (kind, name, key, position) DO UPDATE SET data = EXCLUDED.data
                    )
                    INSERT INTO snapshot_marks (position, previous, fingerprint, latest_time) VALUES ($1, $7, $8, $9)
                    ON CONFLICT (position) DO UPDATE SET previous = EXCLUDED.previous,
                        fingerprint = EXCLUDED.fingerprint, latest_time = EXCLUDED.latest_time
                    """, mark.position, changes.map(\.kind.rawValue), changes.map(\.name), changes.map(\.key),
                    changes.map { $0.data == nil }, changes.map { ByteBuffer(bytes: $0.data ?? Data()) },
                    mark.previous, mark.fingerprint, mark.latestTime.millisecondsSince1970))
        }
    }

    /// Forgets every row and every mark in one statement.
    public func dropSnapshots() async throws {
        try await reading("dropping as-of snapshots in") { connection in
            _ = try await connection.fetch(
                .sql("WITH rows AS (DELETE FROM snapshot_rows) DELETE FROM snapshot_marks"))
        }
    }
}
