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
    /// One batch, at no particular head, joins the group commit like a single append (its keys
    /// written and deleted in its savepoint), so concurrent intake shares durable commits.
    @discardableResult
    public func append(batches: [StreamBatch], atHead head: Int64?) async throws -> [AppendResult] {
        let nonEmpty = batches.filter { !$0.events.isEmpty }
        if head == nil, nonEmpty.count == 1, let only = nonEmpty.first {
            return [try await groupCommit.append(only)]
        }
        let (projections, path) = (projections, path)
        do {
            return try await options.retry.run {
                try await pool.writeWithoutTransaction { db in
                    var results: [AppendResult] = []
                    let forgetting = batches.contains { !$0.forgetting.isEmpty && !$0.events.isEmpty }
                    let restore = try Self.secureDelete(forgetting, db)
                    defer { restore() }
                    try db.inPreparedTransaction {
                        // All or none: any error below rolls the whole transaction back.
                        var chain = AppendChain(projections: projections)
                        if let head {
                            let actual = try chain.head(db).position
                            guard actual == head else {
                                throw EventStoreError.headMoved(expected: head, actual: actual)
                            }
                        }
                        results = try batches.filter { !$0.events.isEmpty }.map { batch in
                            try Self.store(batch.keys, in: db)
                            try Self.delete(batch.forgetting, in: db)
                            return try AppendTransaction(
                                db: db, batch: batch.events, stream: batch.stream, expected: batch.expected, path: path
                            ).run(&chain)
                        }
                        try chain.finish(db)
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

    /// Turns `secure_delete` on for a write that deletes a key (its bytes are then overwritten in
    /// the page, not just unlinked from it); returns what puts the connection's setting back.
    static func secureDelete(_ needed: Bool, _ db: Database) throws -> () -> Void {
        guard needed else { return {} }
        let previous = try Int.fetchOne(db, sql: "PRAGMA secure_delete")
        try db.execute(sql: "PRAGMA secure_delete = ON")
        return { if let previous { try? db.execute(sql: "PRAGMA secure_delete = \(previous)") } }
    }

    /// Deletes subjects' keys inside the caller's transaction.
    static func delete(_ subjects: [String], in db: Database) throws {
        for subject in subjects {
            try db.cachedStatement(sql: "DELETE FROM subject_keys WHERE subject = CAST(? AS TEXT)")
                .execute(arguments: [SQLiteText.bind(subject)])
        }
    }

    /// Checkpoints the write-ahead log into the file and truncates it, so deleted data leaves the
    /// current files (its pages were overwritten with zeros when deleted: `secure_delete`).
    /// Readers still on old pages keep the checkpoint from completing: ``ScrubOutcome/blockedByReaders``.
    public func scrub() async throws -> ScrubOutcome {
        do {
            return try await pool.writeWithoutTransaction { db in
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                let busy: Int = row?[0] ?? 1
                return busy == 0 ? .completed : .blockedByReaders
            }
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: "scrubbing")
        }
    }
}
