import EventSourcing
import PostgresNIO

extension PostgresEventStore {
    /// Takes or renews the lease in one statement (an upsert that updates only a free, expired or
    /// own lease), unless another holder's is still running at `now`; safe to repeat.
    public func acquireLease(_ name: String, holder: String, now: Timestamp, until: Timestamp) async throws -> Lease {
        try await reading("taking a lease in") { connection in
            let rows = try await connection.fetch(
                .sql(
                    """
                    WITH taken AS (
                        INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
                        ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
                        WHERE leases.holder = EXCLUDED.holder OR leases.expires_at <= $4
                        RETURNING holder, expires_at)
                    SELECT holder, expires_at FROM taken
                    UNION ALL
                    SELECT holder, expires_at FROM leases WHERE name = $1 AND NOT EXISTS (SELECT 1 FROM taken)
                    """, name, holder, until.millisecondsSince1970, now.millisecondsSince1970))
            guard let row = rows.first else { return Lease(name: name, holder: holder, expiresAt: until) }
            let (current, expires) = try row.decode((String, Int64).self)
            return Lease(name: name, holder: current, expiresAt: Timestamp(millisecondsSince1970: expires))
        }
    }

    /// Ends the lease if `holder` holds it.
    public func releaseLease(_ name: String, holder: String) async throws {
        try await reading("releasing a lease in") { connection in
            _ = try await connection.fetch(.sql("DELETE FROM leases WHERE name = $1 AND holder = $2", name, holder))
        }
    }
}
