import EventSourcing
import Foundation
import GRDB

/// Group commit: appends that arrive while a commit is in flight are written together in the
/// next transaction, one savepoint each, and made durable by a single commit (one fsync).
///
/// Each append still gets its own verdict: a conflict or a refused claim rolls back only its
/// savepoint. Only a failure of the transaction itself (the file stayed busy, the disk is
/// full) fails every append of the group, and then none of them was written.
actor GroupCommit {
    /// One waiting append.
    private struct Request {
        var events: [NewEvent]
        var stream: StreamName
        var expected: ExpectedVersion
        var continuation: CheckedContinuation<AppendResult, any Error>
    }

    private let pool: DatabasePool
    private let projections: [any Projection]
    private let path: String
    private let retry: RetryPolicy
    private var pending: [Request] = []
    private var draining = false

    /// A group committer over the store's writer connection.
    init(pool: DatabasePool, projections: [any Projection], path: String, retry: RetryPolicy) {
        self.pool = pool
        self.projections = projections
        self.path = path
        self.retry = retry
    }

    /// Queues an append and waits for the commit that carries it.
    func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) async throws -> AppendResult {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Request(events: events, stream: stream, expected: expected, continuation: continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    /// Commits groups until nothing waits; appends arriving meanwhile form the next group.
    private func drain() async {
        while !pending.isEmpty {
            let group = pending
            pending = []
            let outcomes: [Result<AppendResult, any Error>]
            do {
                outcomes = try await Self.commit(
                    group.map { ($0.events, $0.stream, $0.expected) }, pool: pool, projections: projections, path: path,
                    retry: retry)
            } catch {
                let failure = SQLiteStoreError.translating(error, path: path, operation: "appending to")
                outcomes = group.map { _ in .failure(failure) }
            }
            for (request, outcome) in zip(group, outcomes) { request.continuation.resume(with: outcome) }
        }
        draining = false
    }

    /// One `BEGIN IMMEDIATE … COMMIT` holding every append of the group, each in its savepoint.
    private nonisolated static func commit(
        _ requests: [([NewEvent], StreamName, ExpectedVersion)], pool: DatabasePool, projections: [any Projection],
        path: String, retry: RetryPolicy
    ) async throws -> [Result<AppendResult, any Error>] {
        try await retry.run {
            try await pool.writeWithoutTransaction { db in
                var outcomes: [Result<AppendResult, any Error>] = []
                try db.inTransaction(.immediate) {
                    outcomes = []
                    for (events, stream, expected) in requests {
                        do {
                            var result: AppendResult?
                            try db.inSavepoint {
                                result = try AppendTransaction(
                                    db: db, batch: events, stream: stream, expected: expected,
                                    projections: projections, path: path
                                ).run()
                                return .commit
                            }
                            outcomes.append(.success(result!))
                        } catch let error as DatabaseError where Self.losesTransaction(error) || !db.isInsideTransaction
                        {
                            throw error  // the transaction itself is lost: fail (or retry) the whole group
                        } catch {
                            outcomes.append(
                                .failure(SQLiteStoreError.translating(error, path: path, operation: "appending to")))
                        }
                    }
                    return .commit
                }
                return outcomes
            }
        }
    }

    /// Whether a database error is the transaction's (busy, I/O, full, corrupt…), not one append's:
    /// those fail or retry the whole group; any other error rolls back only its own savepoint.
    private static func losesTransaction(_ error: DatabaseError) -> Bool {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_NOMEM, .SQLITE_CORRUPT,
            .SQLITE_NOTADB, .SQLITE_INTERRUPT, .SQLITE_READONLY, .SQLITE_CANTOPEN:
            true
        default:
            false
        }
    }
}
