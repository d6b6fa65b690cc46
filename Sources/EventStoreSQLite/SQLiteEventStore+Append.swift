import EventSourcing
import Foundation
import GRDB

extension SQLiteEventStore {
    /// Appends a batch to one stream; appends from concurrent callers share one durable commit
    /// (``GroupCommit``), each with its own verdict. The transaction is retried while the file is busy.
    @discardableResult
    public func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) async throws
        -> AppendResult
    {
        guard !events.isEmpty else {
            return AppendResult(positions: [], streamVersion: try await version(of: stream), wasDuplicate: false)
        }
        return try await groupCommit.append(events, to: stream, expected: expected)
    }

    /// Appends several batches in one `BEGIN IMMEDIATE` transaction: all are recorded or none.
    @discardableResult
    public func append(batches: [StreamBatch], atHead head: Int64?) async throws -> [AppendResult] {
        let (projections, path) = (projections, path)
        do {
            return try await options.retry.run {
                try await pool.writeWithoutTransaction { db in
                    var results: [AppendResult] = []
                    try db.inTransaction(.immediate) {
                        if let head {
                            let actual =
                                try Int64.fetchOne(db, sql: "SELECT coalesce(max(position), 0) FROM events") ?? 0
                            guard actual == head else {
                                throw EventStoreError.headMoved(expected: head, actual: actual)
                            }
                        }
                        results = try batches.filter { !$0.events.isEmpty }.map { batch in
                            try Self.store(batch.keys, in: db)
                            return try AppendTransaction(
                                db: db, batch: batch.events, stream: batch.stream, expected: batch.expected,
                                projections: projections, path: path
                            ).run()
                        }
                        return .commit
                    }
                    return results
                }
            }
        } catch let error as EventStoreError {
            throw error
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: "appending to")
        }
    }

    /// Stores subject keys inside the caller's transaction: the same bytes again are absorbed,
    /// other bytes refused (``EventStoreError/subjectKeyConflict(subject:)``).
    static func store(_ keys: [SubjectKey], in db: Database) throws {
        for key in keys {
            let stored = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT sealed FROM subject_keys WHERE subject = CAST(? AS TEXT)"),
                arguments: [SQLiteText.bind(key.subject)])
            if let stored {
                guard stored == key.sealed else { throw EventStoreError.subjectKeyConflict(subject: key.subject) }
            } else {
                try db.cachedStatement(sql: "INSERT INTO subject_keys (subject, sealed) VALUES (CAST(? AS TEXT), ?)")
                    .execute(arguments: [SQLiteText.bind(key.subject), key.sealed])
            }
        }
    }
}
