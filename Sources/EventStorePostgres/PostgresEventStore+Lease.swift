import EventSourcing
import PostgresNIO

extension PostgresEventStore {
    /// Takes or renews the lease in one statement, unless another holder's is still running at
    /// `now`; safe to repeat. The upsert always touches the row and returns it as it now stands
    /// (keeping another holder's values), so a racer that waited on another's insert reads the
    /// winner, never an empty answer.
    public func acquireLease(_ name: String, holder: String, now: Timestamp, until: Timestamp) async throws -> Lease {
        try await reading("taking a lease in") { connection in
            let rows = try await connection.fetch(
                .sql(
                    """
                    INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
                    ON CONFLICT (name) DO UPDATE SET
                        holder = CASE WHEN leases.holder = EXCLUDED.holder OR leases.expires_at <= $4
                            THEN EXCLUDED.holder ELSE leases.holder END,
                        expires_at = CASE WHEN leases.holder = EXCLUDED.holder OR leases.expires_at <= $4
                            THEN EXCLUDED.expires_at ELSE leases.expires_at END
                    RETURNING holder, expires_at
                    """, name, holder, until.millisecondsSince1970, now.millisecondsSince1970))
            guard let row = rows.first else {
                throw PostgresStoreError.unreadableValue(server: self.server, what: "the lease \(name)")
            }
            let (current, expires) = try row.decode((String, Int64).self)
            return Lease(name: name, holder: current, expiresAt: Timestamp(millisecondsSince1970: expires))
        }
    }

    /// The lease as it stands, or nil.
    public func lease(_ name: String) async throws -> Lease? {
        try await reading("reading a lease in") { connection in
            let rows = try await connection.fetch(.sql("SELECT holder, expires_at FROM leases WHERE name = $1", name))
            guard let row = rows.first else { return nil }
            let (holder, expires) = try row.decode((String, Int64).self)
            return Lease(name: name, holder: holder, expiresAt: Timestamp(millisecondsSince1970: expires))
        }
    }

    /// Ends the lease if `holder` holds it.
    public func releaseLease(_ name: String, holder: String) async throws {
        try await reading("releasing a lease in") { connection in
            _ = try await connection.fetch(.sql("DELETE FROM leases WHERE name = $1 AND holder = $2", name, holder))
        }
    }
}
