import EventSourcing
import PostgresNIO

extension PostgresEventStore {
    /// The attempts kept for `work`, by subject.
    public func attempts(_ work: String) async throws -> [WorkAttempt] {
        try await reading("reading work attempts in") { connection in
            let rows = try await connection.fetch(
                .sql(
                    """
                    SELECT subject, target, count, reason, last_at, retry_at FROM work_attempts
                    WHERE work = $1 ORDER BY subject
                    """, work))
            return try rows.map { row in
                let (subject, target, count, reason, lastAt, retryAt) = try row.decode(
                    (String, String, Int32, String, Int64, Int64).self)
                return WorkAttempt(
                    subject: subject, target: target, count: Int(count), reason: reason,
                    lastAt: Timestamp(millisecondsSince1970: lastAt), retryAt: Timestamp(millisecondsSince1970: retryAt)
                )
            }
        }
    }

    /// Keeps each attempt, replacing what was kept for its subject, in one statement.
    public func saveAttempts(_ attempts: [WorkAttempt], for work: String) async throws {
        guard !attempts.isEmpty else { return }
        try await reading("keeping work attempts in") { connection in
            _ = try await connection.fetch(
                .sql(
                    """
                    INSERT INTO work_attempts (work, subject, target, count, reason, last_at, retry_at)
                    SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int4[], $5::text[], $6::int8[], $7::int8[])
                    ON CONFLICT (work, subject) DO UPDATE SET target = EXCLUDED.target, count = EXCLUDED.count,
                        reason = EXCLUDED.reason, last_at = EXCLUDED.last_at, retry_at = EXCLUDED.retry_at
                    """, work, attempts.map(\.subject), attempts.map(\.target), attempts.map { Int32($0.count) },
                    attempts.map(\.reason), attempts.map(\.lastAt.millisecondsSince1970),
                    attempts.map(\.retryAt.millisecondsSince1970)))
        }
    }

    /// Forgets what was kept for these subjects, in one statement.
    public func clearAttempts(_ subjects: [String], for work: String) async throws {
        guard !subjects.isEmpty else { return }
        try await reading("forgetting work attempts in") { connection in
            _ = try await connection.fetch(
                .sql("DELETE FROM work_attempts WHERE work = $1 AND subject = ANY($2::text[])", work, subjects))
        }
    }
}
