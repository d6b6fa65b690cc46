import EventSourcing

/// Group commit for one store: appends that arrive while a transaction is in flight are written
/// together in the next one, under one take of the append lock and one COMMIT.
///
/// Appends of one process otherwise queue on the append lock one whole transaction at a time
/// (BEGIN, the lock and the read, the write, COMMIT: four round trips each); in a group, the lock
/// is taken and the state read once, and each append costs its write, or, when no append of the
/// group changes a read model, the whole group is one call of the store's procedure
/// (``PostgresAppendCall``). Each append still gets its own verdict: one refused before
/// writing (a version conflict, a claim taken) fails alone and the group goes on, since nothing of
/// it was written. An append that fails once the group has begun (a write meeting a recorded id, a
/// statement the server refuses, the connection) rolls the whole group back, and each of its
/// appends runs again on its own, getting the verdict it gets alone (a repeated append finds its
/// recorded events). Only a failure of the group's own steps (the lock, its read, its COMMIT)
/// fails every append of it alike (see ``PostgresEventStore``'s `append`).
///
/// A group holds at most ``largestGroup`` appends, so one transaction never holds the lock for
/// long while other processes wait for it. The queue waits for a group at most ``patience`` (the
/// store's lock timeout): a group stuck in its transaction (its connection silently dead, say)
/// keeps its own callers waiting, as one append alone would, but the appends queued behind it go
/// on in a transaction of their own, meet the append lock the stuck one may hold, and report
/// `busy` after the lock timeout, as they would without groups. As with SQLite's `GroupCommit`,
/// a caller cancelled while its append waits still gets the append's outcome: groups are written
/// by a task of the queue's own. (SQLite's queue has its leader write directly, saving thread
/// hand-offs; here the patience above needs a task, though a group written in one call now
/// costs little more than those hand-offs.)
actor PostgresGroupCommit {
    /// One waiting append.
    struct Request: Sendable {
        var events: [NewEvent]
        var stream: StreamName
        var expected: ExpectedVersion
    }

    /// Writes a group, an outcome per request in order.
    typealias Commit = @Sendable ([Request]) async -> [Result<AppendResult, any Error>]

    /// The most appends one transaction carries.
    static let largestGroup = 64

    private var pending: [(Request, CheckedContinuation<AppendResult, any Error>)] = []
    private var draining = false
    /// How long the queue waits for one group before starting the next.
    let patience: Duration

    /// A queue that waits at most `patience` for a group.
    init(patience: Duration) {
        self.patience = patience
    }

    /// How many appends wait for the next transaction (tests wait for a group to gather).
    var queued: Int { pending.count }

    /// Queues an append and waits for the transaction that carries it. `commit` (the same for
    /// every call: the store's) writes the groups of the drain this call starts, if it starts one.
    func append(_ request: Request, commit: @escaping Commit) async throws -> AppendResult {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((request, continuation))
            if !draining {
                draining = true
                Task { await drain(commit) }
            }
        }
    }

    /// Commits groups until nothing waits; appends arriving meanwhile form the next group. Each
    /// group's callers are answered when its commit ends; the queue waits for that at most
    /// ``patience``.
    private func drain(_ commit: @escaping Commit) async {
        while !pending.isEmpty {
            let group = Array(pending.prefix(Self.largestGroup))
            pending.removeFirst(group.count)
            let written = Task {
                let outcomes = await commit(group.map(\.0))
                precondition(outcomes.count == group.count, "a group commit must answer every append of its group")
                for ((_, continuation), outcome) in zip(group, outcomes) { continuation.resume(with: outcome) }
            }
            _ = await written.value(waitingAtMost: patience)
        }
        draining = false
    }
}
