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
}
