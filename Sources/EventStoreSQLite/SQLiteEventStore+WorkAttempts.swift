import EventSourcing
import GRDB

extension SQLiteEventStore {
    /// The attempts kept for `work`, by subject.
    public func attempts(_ work: String) async throws -> [WorkAttempt] {
        try await reading("reading work attempts in") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT subject, target, count, reason, last_at, retry_at FROM work_attempts
                    WHERE work = CAST(? AS TEXT) ORDER BY subject
                    """,
                arguments: [SQLiteText.bind(work)]
            ).map {
                WorkAttempt(
                    subject: $0["subject"], target: $0["target"], count: $0["count"], reason: $0["reason"],
                    lastAt: Timestamp(millisecondsSince1970: $0["last_at"]),
                    retryAt: Timestamp(millisecondsSince1970: $0["retry_at"]))
            }
        }
    }

    /// Keeps each attempt, replacing what was kept for its subject, in one write transaction.
    public func saveAttempts(_ attempts: [WorkAttempt], for work: String) async throws {
        guard !attempts.isEmpty else { return }
        try await writingBesideTheLog("keeping work attempts in") { db in
            for attempt in attempts {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO work_attempts (work, subject, target, count, reason, last_at, retry_at)
                        VALUES (CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), ?, CAST(? AS TEXT), ?, ?)
                        """,
                    arguments: [
                        SQLiteText.bind(work), SQLiteText.bind(attempt.subject), SQLiteText.bind(attempt.target),
                        attempt.count, SQLiteText.bind(attempt.reason), attempt.lastAt.millisecondsSince1970,
                        attempt.retryAt.millisecondsSince1970,
                    ])
            }
        }
    }

    /// Forgets what was kept for these subjects, in one write transaction.
    public func clearAttempts(_ subjects: [String], for work: String) async throws {
        guard !subjects.isEmpty else { return }
        try await writingBesideTheLog("forgetting work attempts in") { db in
            for subject in subjects {
                try db.execute(
                    sql: "DELETE FROM work_attempts WHERE work = CAST(? AS TEXT) AND subject = CAST(? AS TEXT)",
                    arguments: [SQLiteText.bind(work), SQLiteText.bind(subject)])
            }
        }
    }

    /// A write outside the log (leases, attempts) with busy retries, translating SQLite errors.
    func writingBesideTheLog(_ operation: String, _ body: @escaping @Sendable (Database) throws -> Void) async throws {
        do {
            try await options.retry.run { try await pool.write(body) }
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: operation)
        }
    }
}
