import EventSourcing
import GRDB

extension SQLiteEventStore {
    /// Takes or renews the lease in one write transaction (SQLite serializes writers), unless
    /// another holder's is still running at `now`.
    public func acquireLease(_ name: String, holder: String, now: Timestamp, until: Timestamp) async throws -> Lease {
        do {
            return try await options.retry.run {
                try await pool.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO leases (name, holder, expires_at) VALUES (CAST(? AS TEXT), CAST(? AS TEXT), ?)
                            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                            WHERE leases.holder = excluded.holder OR leases.expires_at <= ?
                            """,
                        arguments: [
                            SQLiteText.bind(name), SQLiteText.bind(holder), until.millisecondsSince1970,
                            now.millisecondsSince1970,
                        ])
                    let row = try Row.fetchOne(
                        db, sql: "SELECT holder, expires_at FROM leases WHERE name = CAST(? AS TEXT)",
                        arguments: [SQLiteText.bind(name)])
                    return Lease(
                        name: name, holder: row?["holder"] ?? holder,
                        expiresAt: Timestamp(millisecondsSince1970: row?["expires_at"] ?? until.millisecondsSince1970))
                }
            }
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: "taking a lease in")
        }
    }

    /// The lease as it stands, or nil.
    public func lease(_ name: String) async throws -> Lease? {
        try await reading("reading a lease in") { db in
            try Row.fetchOne(
                db, sql: "SELECT holder, expires_at FROM leases WHERE name = CAST(? AS TEXT)",
                arguments: [SQLiteText.bind(name)]
            ).map {
                Lease(name: name, holder: $0["holder"], expiresAt: Timestamp(millisecondsSince1970: $0["expires_at"]))
            }
        }
    }

    /// Ends the lease if `holder` holds it.
    public func releaseLease(_ name: String, holder: String) async throws {
        try await writingBesideTheLog("releasing a lease in") { db in
            try db.execute(
                sql: "DELETE FROM leases WHERE name = CAST(? AS TEXT) AND holder = CAST(? AS TEXT)",
                arguments: [SQLiteText.bind(name), SQLiteText.bind(holder)])
        }
    }
}
