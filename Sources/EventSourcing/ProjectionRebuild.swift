import Foundation

/// Rebuilds one projection from the log, aside, then swaps it in (blue/green).
///
/// It reads the log in batches after the staging checkpoint and hands each to the store,
/// which applies it and moves the checkpoint in one transaction, so memory holds one batch
/// however long the log is and a rebuild killed at any point resumes where its last batch
/// ended. Once the staging area is within one batch of the head, the store applies the rest
/// and swaps the models in under its write lock.
public struct ProjectionRebuild: Sendable {
    /// Where a rebuild stands, reported after every batch.
    public struct Progress: Sendable, Equatable {
        /// The projection being rebuilt.
        public var projection: String
        /// The last position applied.
        public var position: Int64
        /// The log's head when the batch was read.
        public var head: Int64
        /// The position the run started (or resumed) from.
        public var startedAt: Int64
        /// Whether the models have been swapped in.
        public var done: Bool
    }

    /// Events per batch unless told otherwise: large enough that each batch's commit and the
    /// summaries it rewrites are amortised (Docs/performance.md), small enough to bound memory.
    public static let defaultBatchSize = 20_000

    /// The store to rebuild in.
    public let store: any EventStore
    /// Events per batch (and per staging transaction).
    public let batchSize: Int

    /// A rebuild over a store, `batchSize` events per transaction.
    public init(store: any EventStore, batchSize: Int = defaultBatchSize) {
        precondition(batchSize > 0)
        self.store = store
        self.batchSize = batchSize
    }

    /// Rebuilds `projection`, resuming a staged rebuild of the same version unless `restart`.
    /// - Returns: the position the live models stand at afterwards.
    @discardableResult
    public func run(
        _ projection: any Projection, restart: Bool = false, progress: (Progress) -> Void = { _ in }
    ) async throws -> Int64 {
        try await run(together: [projection], restart: restart, progress: progress)[0]
    }

    /// Rebuilds several projections from one read of the log: each batch is read once and staged
    /// for every projection whose staging area has not reached it yet (each resumes from its own
    /// checkpoint), then each is completed and swapped in, in the order given. Progress names
    /// them together (`ledger-summary + orders`).
    /// - Returns: the position each projection's live models stand at afterwards.
    @discardableResult
    public func run(
        together projections: [any Projection], restart: Bool = false, progress: (Progress) -> Void = { _ in }
    ) async throws -> [Int64] {
        guard !projections.isEmpty else { return [] }
        let owner = UUID()
        var staged: [Int64] = []
        for projection in projections {
            staged.append(try await store.startRebuild(projection, owner: owner, restart: restart).position)
        }
        var position = staged.min()!
        var report = Progress(
            projection: projections.map(\.name).joined(separator: " + "), position: position,
            head: try await store.head().position, startedAt: position, done: false)
        progress(report)
        while true {
            try Task.checkCancellation()
            let batch = try await store.readAll(after: position, limit: batchSize)
            guard batch.count == batchSize else { break }
            for (index, projection) in projections.enumerated() {
                let unseen = batch.drop { $0.position <= staged[index] }
                guard !unseen.isEmpty else { continue }
                try await store.stage(Array(unseen), for: projection, owner: owner)
                staged[index] = batch.last!.position
            }
            position = batch.last!.position
            report.position = position
            report.head = max(try await store.head().position, position)
            progress(report)
        }
        var finals: [Int64] = []
        for projection in projections { finals.append(try await store.completeRebuild(projection, owner: owner)) }
        report.position = finals.max()!
        report.head = max(report.head, report.position)
        report.done = true
        progress(report)
        return finals
    }
}
