import ChannelDomain
import Synchronization

/// A page's batch decided on the org's answers: the records it calls for and what it leads to.
struct DecidedBatch: Sendable {
    /// The `OrderPublished` and `OrderPublishFailed` to record, each on its summary.
    var records: [CommandRunner.Known<Order>]
    /// What the batch deferred, failed, and keeps or forgets beside the lease.
    var batch: LedgerService.BatchRecord
}

/// The batches a publisher pass has decided and not yet handed to a record, in page order.
///
/// The send stage adds each page's batch as its answer comes; a record takes every batch waiting
/// when it starts (after the record before it committed), so records keep up by growing rather
/// than by holding the send stage. At most one record waits to start: ``add(_:)`` says when the
/// batch needs a new one.
final class DecidedBatches: Sendable {
    private let state = Mutex((waiting: [DecidedBatch](), taker: false))

    /// Adds a batch; true when no record is waiting to take it, so the caller starts one.
    func add(_ batch: DecidedBatch) -> Bool {
        state.withLock { state in
            state.waiting.append(batch)
            defer { state.taker = true }
            return !state.taker
        }
    }

    /// Every batch waiting, oldest first; the next batch added needs a new record.
    func takeAll() -> [DecidedBatch] {
        state.withLock { state in
            defer { state = ([], false) }
            return state.waiting
        }
    }

    /// How many batches wait.
    var count: Int { state.withLock { $0.waiting.count } }
}
