import EventSourcing
import Foundation
import GRDB

/// Group commit: appends that arrive while a commit is in flight are written together in the
/// next transaction, one savepoint each, and made durable by a single commit (one fsync).
///
/// Each append still gets its own verdict: a conflict or a refused claim rolls back only its
/// savepoint. Only a failure of the transaction itself (the file stayed busy, the disk is
/// full) fails every append of the group, and then none of them was written.
///
/// No actor and no draining task: an append that finds no commit in flight *leads*. It
/// commits what waits (itself first) on the writer connection, hands each follower its verdict,
/// and passes the lead to the first append that arrived meanwhile, which commits the next group.
/// A lone append therefore waits for two thread hand-offs (to the writer and back) rather than
/// five, and every caller is resumed only after the writer has finished with its group (so a
/// store released after its appends closes its file at once). A caller cancelled while its
/// append waits still gets the append's outcome, and the group's other appends are unaffected.
final class GroupCommit: Sendable {
    /// One waiting append.
    private struct Request: Sendable {
        /// The batch, with the subject keys it writes and deletes.
        var batch: StreamBatch
        /// How a follower hears its turn; nil for an append that led at once.
        var continuation: CheckedContinuation<Turn, Never>?
    }

    /// What a waiting append is told: its verdict, or that it commits the next group.
    private enum Turn: Sendable {
        case done(Result<AppendResult, any Error>)
        case lead
    }

    /// The appends waiting for the next group, and whether a group has a leader. The leader is
    /// always the first of `pending`: it leads only when nothing waits, or is handed the lead as
    /// the first append queued since the last group was taken.
    private struct Queue {
        var pending: [Request] = []
        var led = false
    }

    private let pool: DatabasePool
    private let projections: [any Projection]
    private let path: String
    private let retry: RetryPolicy
    private let queue = Locked(Queue())

    /// A group committer over the store's writer connection.
    init(pool: DatabasePool, projections: [any Projection], path: String, retry: RetryPolicy) {
        self.pool = pool
        self.projections = projections
        self.path = path
        self.retry = retry
    }

    /// Queues an append and waits for the commit that carries it, leading that commit when
    /// no other is in flight.
    func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) async throws -> AppendResult {
        try await append(StreamBatch(events, to: stream, expected: expected))
    }

    /// Queues a batch (its subject keys written and deleted in its savepoint) and waits for its commit.
    func append(_ batch: StreamBatch) async throws -> AppendResult {
        let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
            let leads = queue.withLock { queue in
                let leads = !queue.led
                queue.led = true
                queue.pending.append(Request(batch: batch, continuation: leads ? nil : continuation))
                return leads
            }
            if leads { continuation.resume(returning: .lead) }
        }
        switch turn {
        case .done(let outcome):
            return try outcome.get()
        case .lead:
            return try await lead().get()
        }
    }

    /// Commits every waiting append as one group (the leader's first), resumes the others with
    /// their verdicts and hands the lead to the first append queued since; returns the leader's
    /// own verdict.
    private func lead() async -> Result<AppendResult, any Error> {
        let group = queue.withLock { queue in
            defer { queue.pending = [] }
            return queue.pending
        }
        let outcomes = await commitOutcomes(of: group.map(\.batch))
        precondition(outcomes.count == group.count, "a group commit answers every append of its group")
        for (request, outcome) in zip(group, outcomes).dropFirst() {
            request.continuation?.resume(returning: .done(outcome))
        }
        let next = queue.withLock { queue in
            queue.led = !queue.pending.isEmpty
            return queue.pending.first
        }
        next?.continuation?.resume(returning: .lead)
        return outcomes[0]
    }

    /// The group's commit, an outcome per append, whether or not the leader's task is cancelled.
    ///
    /// GRDB stops a cancelled task's database access, before the write or during it (the
    /// transaction then rolls back whole). The group is not the leader's alone, so when the
    /// leader was cancelled its commit runs again in a task of its own. That costs a thread
    /// hand-off, which is why the leader, not cancelled in the usual case, writes directly.
    private func commitOutcomes(of requests: [StreamBatch]) async
        -> [Result<AppendResult, any Error>]
    {
        let (pool, projections, path, retry) = (pool, projections, path, retry)
        @Sendable func write() async throws -> [Result<AppendResult, any Error>] {
            try await Self.commit(requests, pool: pool, projections: projections, path: path, retry: retry)
        }
        @Sendable func failingEach(_ error: any Error) -> [Result<AppendResult, any Error>] {
            let failure = SQLiteStoreError.translating(error, path: path, operation: "appending to")
            return requests.map { _ in .failure(failure) }
        }
        do {
            return try await write()
        } catch  where Task.isCancelled && Self.isInterruption(error) {
            // Stopped before writing, or during the write, which rolled back: run it again below.
        } catch {
            return failingEach(error)
        }
        return await Task {
            do {
                return try await write()
            } catch {
                return failingEach(error)
            }
        }.value
    }

    /// Whether an error is GRDB stopping a cancelled task's access (or its backoff sleep).
    private static func isInterruption(_ error: any Error) -> Bool {
        error is CancellationError || (error as? DatabaseError)?.resultCode == .SQLITE_INTERRUPT
    }

    /// One `BEGIN IMMEDIATE … COMMIT` holding every append of the group, each in its savepoint.
    private static func commit(
        _ requests: [StreamBatch], pool: DatabasePool, projections: [any Projection], path: String,
        retry: RetryPolicy
    ) async throws -> [Result<AppendResult, any Error>] {
        let forgetting = requests.contains { !$0.forgetting.isEmpty }
        return try await retry.run {
            try await pool.writeWithoutTransaction { db in
                var outcomes: [Result<AppendResult, any Error>] = []
                let restore = try SQLiteEventStore.secureDelete(forgetting, db)
                defer { restore() }
                try db.inPreparedTransaction {
                    outcomes = []
                    var chain = AppendChain(projections: projections)
                    for request in requests {
                        do {
                            // The append is the savepoint's last step: one that throws leaves the
                            // chain unmoved, and nothing after it can roll its writes back.
                            let result = try db.inPreparedSavepoint("request") {
                                try SQLiteEventStore.store(request.keys, in: db)
                                try SQLiteEventStore.delete(request.forgetting, in: db)
                                return try AppendTransaction(
                                    db: db, batch: request.events, stream: request.stream, expected: request.expected,
                                    path: path
                                ).run(&chain)
                            }
                            outcomes.append(.success(result))
                        } catch  where !db.isInsideTransaction {
                            throw error  // the transaction itself is lost: fail (or retry) the whole group
                        } catch let error as DatabaseError where Self.losesTransaction(error) {
                            throw error  // likewise
                        } catch {
                            // (A cancelled leader's CancellationError lands here too, but its COMMIT
                            // then throws as well, and the whole group runs again: see above.)
                            outcomes.append(
                                .failure(SQLiteStoreError.translating(error, path: path, operation: "appending to")))
                        }
                    }
                    try chain.finish(db)
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
