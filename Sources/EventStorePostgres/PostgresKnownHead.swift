import EventSourcing

/// Where this process last saw the log: its head and the checkpoint versions of the store's
/// projections (by name) right after an append it committed.
///
/// Only a guess, never trusted: ``PostgresAppendCall`` chains a batch's hashes from it and sends
/// it with the batch, and the server writes only if it still holds. Another process appending,
/// a rebuild or an import in between makes it stale; the call then writes nothing and the append
/// falls back on reading the head under the lock (``PostgresAppendTransaction``).
struct PostgresKnownHead: Sendable {
    var head: LogHead
    var checkpoints: [String: Int64]

    /// Where the log stands once `last` is written after this head and the checkpoints of the
    /// `current` projections move with it (to their versions).
    func advanced(to last: RecordedEvent, moving current: [any Projection]) -> PostgresKnownHead {
        var checkpoints = checkpoints
        for projection in current { checkpoints[projection.name] = Int64(projection.version) }
        return PostgresKnownHead(head: LogHead(position: last.position, hash: last.hash), checkpoints: checkpoints)
    }
}
