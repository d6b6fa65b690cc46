import ChannelDomain
import EventSourcing
import Foundation

extension LedgerService {
    /// Every registered projection with its checkpoint, version, lag and any staged rebuild.
    public func projectionStatus() async throws -> [ProjectionStatus] {
        let checkpoints = Dictionary(
            try await store.projectionCheckpoints().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let head = try await store.head().position
        var statuses: [ProjectionStatus] = []
        for projection in Self.projections {
            let checkpoint = checkpoints[projection.name]
            statuses.append(
                ProjectionStatus(
                    name: projection.name, version: projection.version, storedVersion: checkpoint?.version,
                    checkpoint: checkpoint?.position ?? 0, head: head,
                    staged: try await store.stagedRebuild(projection.name)))
        }
        return statuses
    }

    /// The registered projections with these names, all of them when `names` is empty.
    /// - Throws: ``LedgerError/unknownProjection(_:known:)`` naming the first unknown one.
    public static func projections(named names: [String]) throws -> [any Projection] {
        guard !names.isEmpty else { return projections }
        return try names.map { name in
            guard let projection = projections.first(where: { $0.name == name }) else {
                throw LedgerError.unknownProjection(name, known: projections.map(\.name))
            }
            return projection
        }
    }

    /// Checks that every event codec's upcasters form complete chains (no gap, duplicate or
    /// cycle): a broken registry refuses to start rather than misread old events.
    public static func checkEventCatalog() throws {
        do {
            try EventCatalog.validate()
        } catch let error as UpcasterRegistryError {
            throw LedgerError.inconsistentUpcasters(error.description)
        }
    }

    /// Rebuilds projections aside and swaps each in when it reaches the head; a staged rebuild of
    /// the same version is resumed unless `restart`.
    /// - Returns: the position each projection's live models stand at, in order.
    @discardableResult
    public func rebuild(
        _ projections: [any Projection], restart: Bool = false, batchSize: Int = ProjectionRebuild.defaultBatchSize,
        progress: (ProjectionRebuild.Progress) -> Void = { _ in }
    ) async throws -> [Int64] {
        let stored = Dictionary(
            try await store.projectionCheckpoints().map { ($0.name, $0.version) },
            uniquingKeysWith: { first, _ in first })
        for projection in projections {
            if let version = stored[projection.name], version > projection.version {
                throw LedgerError.projectionNewer(projection.name, stored: version, code: projection.version)
            }
        }
        let names = projections.map { "\($0.name) v\($0.version)" }.joined(separator: ", ")
        logger.info("rebuilding projections \(names) from one read of the log")
        return try await ProjectionRebuild(store: store, batchSize: batchSize).run(
            together: projections, restart: restart, progress: progress)
    }

    /// Rebuilds every projection whose live models were built by another version (or never):
    /// what opening a store after an upgrade does before answering anything.
    /// - Returns: the projections it rebuilt.
    @discardableResult
    public func rebuildStaleProjections(progress: (ProjectionRebuild.Progress) -> Void = { _ in }) async throws
        -> [ProjectionStatus]
    {
        try await rebuildStale(among: try await projectionStatus(), progress: progress)
    }

    /// ``rebuildStaleProjections(progress:)`` given statuses just read (opening a store has them).
    @discardableResult
    func rebuildStale(among statuses: [ProjectionStatus], progress: (ProjectionRebuild.Progress) -> Void) async throws
        -> [ProjectionStatus]
    {
        if let newer = statuses.first(where: { $0.state == .newer }) {
            throw LedgerError.projectionNewer(newer.name, stored: newer.storedVersion ?? 0, code: newer.version)
        }
        let stale = statuses.filter { $0.state != .current }
        guard !stale.isEmpty else { return [] }
        do {
            try await rebuild(try Self.projections(named: stale.map(\.name)), progress: progress)
        } catch ProjectionRebuildError.takenOver(let name) {
            // Another process opening the store took the rebuild over: wait for it to swap in.
            logger.notice("another process is rebuilding projection \(name); waiting for it")
            try await waitUntilCurrent(stale.map(\.name))
        }
        return stale
    }

    /// Polls until the named projections are current (another process is rebuilding them). If
    /// neither the staged nor the live checkpoints move for ten seconds, that process is gone:
    /// whatever is still stale is rebuilt here (its staged work resumed).
    private func waitUntilCurrent(_ names: [String], pollInterval: Duration = .milliseconds(200)) async throws {
        var still = 0
        var last: [Int64] = []
        while true {
            let statuses = try await projectionStatus().filter { names.contains($0.name) }
            if statuses.allSatisfy({ $0.state == .current }) { return }
            let progress: [Int64] = statuses.flatMap { [$0.staged?.position ?? -1, $0.checkpoint] }
            still = progress == last ? still + 1 : 0
            last = progress
            if still >= 50 {
                try await rebuildStaleProjections()
                return
            }
            try await Task.sleep(for: pollInterval)
        }
    }
}
