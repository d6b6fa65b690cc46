import Foundation

/// An event store in memory: the reference implementation of ``EventStore``, for tests
/// and throwaway runs. It follows the same contract as the durable stores.
public actor InMemoryEventStore: EventStore {
    private var log: [RecordedEvent] = []
    private var positionByID: [UUID: Int] = [:]
    private var streamIndex: [StreamName: [Int]] = [:]
    private var models = InMemoryReadModels()
    private var checkpoints: [String: ProjectionCheckpoint] = [:]
    private var subjectKeys: [String: Data] = [:]
    private var leases: [String: Lease] = [:]
    private var workAttempts: [String: [String: WorkAttempt]] = [:]
    private var staging: [String: (rebuild: StagedRebuild, models: InMemoryReadModels)] = [:]
    /// Snapshot marks by position, each with its rows packed (``SnapshotKeeping``).
    var keptMarks: [Int64: (mark: SnapshotMark, rows: Data)] = [:]
    private let projections: [any Projection]

    /// A store whose inline projections run on every append.
    public init(projections: [any Projection] = []) {
        self.projections = projections
    }

    /// Appends a batch atomically; projections write to a copy of the read models, kept only if all succeed.
    @discardableResult
    public func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) throws -> AppendResult {
        let current = Int64(streamIndex[stream]?.count ?? 0)
        guard !events.isEmpty else {
            return AppendResult(positions: [], streamVersion: current, wasDuplicate: false)
        }
        let plan = try AppendPlan.make(for: events, to: stream, expected: expected, currentVersion: current) {
            positionByID[$0.id].map { log[$0] }
        }
        guard case .write(let firstVersion) = plan else {
            if case .duplicate(let result) = plan { return result }
            preconditionFailure()
        }
        var previous = log.last?.hash ?? HashChain.genesis
        var recorded: [RecordedEvent] = []
        for (offset, event) in events.enumerated() {
            let position = Int64(log.count + offset + 1)
            var record = RecordedEvent(
                id: event.id, stream: stream, version: firstVersion + Int64(offset), position: position,
                type: event.type, schemaVersion: event.schemaVersion, recordedAt: event.recordedAt,
                payload: event.payload, metadata: event.metadata, hash: Data())
            record.hash = HashChain.hash(of: record, previous: previous)
            previous = record.hash
            recorded.append(record)
        }
        // Projections work on a copy so a refused claim leaves nothing behind.
        let kept = projections.filter { isCurrent($0) }
        let staged = models.copy()
        for projection in kept { try projection.apply(recorded, to: staged) }
        models = staged
        for record in recorded {
            positionByID[record.id] = log.count
            streamIndex[stream, default: []].append(log.count)
            log.append(record)
        }
        for projection in kept {
            checkpoints[projection.name] = ProjectionCheckpoint(
                name: projection.name, version: projection.version, position: Int64(log.count))
        }
        return AppendResult(
            positions: recorded.map(\.position), streamVersion: recorded.last!.version, wasDuplicate: false)
    }

    /// A store holding this one's log, read models and checkpoints, running other inline projections:
    /// what reopening a durable store with newer code does.
    public func reopened(projections: [any Projection]) -> InMemoryEventStore {
        InMemoryEventStore(projections: projections, copying: self)
    }

    private init(projections: [any Projection], copying other: isolated InMemoryEventStore) {
        self.projections = projections
        log = other.log
        positionByID = other.positionByID
        streamIndex = other.streamIndex
        models = other.models.copy()
        checkpoints = other.checkpoints
        subjectKeys = other.subjectKeys
    }

    /// Appends several batches atomically: on any failure the store is left as it was.
    @discardableResult
    public func append(batches: [StreamBatch], atHead head: Int64?) throws -> [AppendResult] {
        if let head, head != Int64(log.count) {
            throw EventStoreError.headMoved(expected: head, actual: Int64(log.count))
        }
        let saved = (log, positionByID, streamIndex, models, checkpoints, subjectKeys)
        do {
            return try batches.filter { !$0.events.isEmpty }.map {
                try store($0.keys)
                let result = try append($0.events, to: $0.stream, expected: $0.expected)
                for subject in $0.forgetting { subjectKeys[subject] = nil }
                return result
            }
        } catch {
            (log, positionByID, streamIndex, models, checkpoints, subjectKeys) = saved
            throw error
        }
    }

    /// Stores subject keys: the same bytes again are absorbed, other bytes refused.
    private func store(_ keys: [SubjectKey]) throws {
        for key in keys {
            if let stored = subjectKeys[key.subject] {
                guard stored == key.sealed else { throw EventStoreError.subjectKeyConflict(subject: key.subject) }
            } else {
                subjectKeys[key.subject] = key.sealed
            }
        }
    }

    /// The sealed data key of a subject, if stored.
    public func subjectKey(_ subject: String) -> Data? {
        subjectKeys[subject]
    }

    /// Memory keeps nothing once deleted.
    public func scrub() -> ScrubOutcome { .completed }

    /// Takes or renews the lease unless another holder's is still running at `now`.
    public func acquireLease(_ name: String, holder: String, now: Timestamp, until: Timestamp) -> Lease {
        if let current = leases[name], current.holder != holder, current.expiresAt > now { return current }
        let lease = Lease(name: name, holder: holder, expiresAt: until)
        leases[name] = lease
        return lease
    }

    /// Ends the lease if `holder` holds it.
    public func releaseLease(_ name: String, holder: String) {
        if leases[name]?.holder == holder { leases[name] = nil }
    }

    /// The lease as it stands, or nil.
    public func lease(_ name: String) -> Lease? { leases[name] }

    /// The attempts kept for `work`, by subject.
    public func attempts(_ work: String) -> [WorkAttempt] {
        (workAttempts[work] ?? [:]).values.sorted { $0.subject < $1.subject }
    }

    /// Keeps each attempt, replacing what was kept for its subject.
    public func saveAttempts(_ attempts: [WorkAttempt], for work: String) {
        for attempt in attempts { workAttempts[work, default: [:]][attempt.subject] = attempt }
    }

    /// Forgets what was kept for these subjects.
    public func clearAttempts(_ subjects: [String], for work: String) {
        for subject in subjects { workAttempts[work]?[subject] = nil }
    }

    /// The events of one stream from a version (1-based, inclusive), in order.
    public func read(stream: StreamName, from version: Int64) -> [RecordedEvent] {
        let indices = streamIndex[stream] ?? []
        let start = max(0, Int(version) - 1)
        guard start < indices.count else { return [] }
        return indices[start...].map { log[$0] }
    }

    /// Up to `limit` events of one stream past a global position, in order.
    public func read(stream: StreamName, after position: Int64, limit: Int) -> [RecordedEvent] {
        Array(
            (streamIndex[stream] ?? []).lazy.map { self.log[$0] }.filter { $0.position > position }.prefix(
                max(0, limit)))
    }

    /// Up to `limit` events after a global position, in position order.
    public func readAll(after position: Int64, limit: Int) -> [RecordedEvent] {
        let start = max(0, Int(position))
        guard start < log.count else { return [] }
        return Array(log[start...].prefix(max(0, limit)))
    }

    /// Always 1: memory has no migrations.
    public func schemaVersion() -> Int { 1 }

    /// The number of events in a stream (0 when it has none).
    public func version(of stream: StreamName) -> Int64 {
        Int64(streamIndex[stream]?.count ?? 0)
    }

    /// The newest event's position and hash, or ``LogHead/empty``.
    public func head() -> LogHead {
        log.last.map { LogHead(position: $0.position, hash: $0.hash) } ?? .empty
    }

    /// The read-model document stored under a key, if any.
    public func document(_ model: String, key: String) -> Data? {
        models.documents[model]?[key]
    }

    /// Every document of a read model, ordered by key.
    public func documents(_ model: String) -> [ReadModelDocument] {
        (models.documents[model] ?? [:]).sorted { $0.key < $1.key }.map {
            ReadModelDocument(key: $0.key, data: $0.value)
        }
    }

    /// The owner holding a claimed value, if any.
    public func claimOwner(_ kind: String, value: String) -> String? {
        models.claims[kind]?[value]
    }

    /// Claims of a kind with a prefix, after a value, by value.
    public func claims(_ kind: String, prefix: String, after: String?, limit: Int) -> [ReadModelClaim] {
        InMemoryReadModels.page(of: models.claims[kind] ?? [:], prefix: prefix, after: after, limit: limit)
    }

    /// The position a projection has applied up to (0 before its first append).
    public func checkpoint(_ projection: String) -> Int64 {
        checkpoints[projection]?.position ?? 0
    }

    /// Whether inline appends keep a projection: its checkpoint has its version, or the log is empty.
    private func isCurrent(_ projection: any Projection) -> Bool {
        ProjectionCheckpoint.keepsInline(
            storedVersion: checkpoints[projection.name]?.version, projectionVersion: projection.version,
            logIsEmpty: log.isEmpty)
    }

    // MARK: Rebuilding

    /// Sets the projections' checkpoints to the invalidated version, keeping their positions.
    public func invalidate(_ projections: [any Projection]) {
        for projection in projections {
            checkpoints[projection.name] = ProjectionCheckpoint(
                name: projection.name, version: ProjectionCheckpoint.invalidatedVersion,
                position: checkpoints[projection.name]?.position ?? 0)
        }
    }

    /// Every projection checkpoint, by name.
    public func projectionCheckpoints() -> [ProjectionCheckpoint] {
        checkpoints.values.sorted { $0.name < $1.name }
    }

    /// The staged rebuild of a projection, if any.
    public func stagedRebuild(_ name: String) -> StagedRebuild? {
        staging[name]?.rebuild
    }

    /// Takes the staging area over, keeping it only to resume the same version.
    public func startRebuild(_ projection: any Projection, owner: UUID, restart: Bool) -> StagedRebuild {
        var entry = staging[projection.name]
        if restart || entry?.rebuild.version != projection.version {
            entry = (
                StagedRebuild(name: projection.name, version: projection.version, position: 0, owner: owner), .init()
            )
        }
        entry!.rebuild.owner = owner
        staging[projection.name] = entry
        return entry!.rebuild
    }

    /// Applies a batch to the staging area and moves its checkpoint.
    public func stage(_ events: [RecordedEvent], for projection: any Projection, owner: UUID) throws {
        guard let last = events.last else { return }
        guard var entry = staging[projection.name], entry.rebuild.owner == owner else {
            throw ProjectionRebuildError.takenOver(projection.name)
        }
        if let first = events.first, first.position != entry.rebuild.position + 1 {
            throw ProjectionRebuildError.notContiguous(
                projection: projection.name, staged: entry.rebuild.position, first: first.position)
        }
        let models = entry.models.copy()
        try projection.apply(events, to: models)
        entry.models = models
        entry.rebuild.position = last.position
        staging[projection.name] = entry
    }

    /// Applies the rest of the log to the staging area and swaps it in.
    public func completeRebuild(_ projection: any Projection, owner: UUID) throws -> Int64 {
        guard let entry = staging[projection.name], entry.rebuild.owner == owner else {
            throw ProjectionRebuildError.takenOver(projection.name)
        }
        try stage(readAll(after: entry.rebuild.position, limit: Int.max), for: projection, owner: owner)
        let staged = staging[projection.name]!.models
        let next = models.copy()
        next.replace(models: projection.models, claimKinds: projection.claimKinds, from: staged)
        models = next
        let position = Int64(log.count)
        checkpoints[projection.name] = ProjectionCheckpoint(
            name: projection.name, version: projection.version, position: position)
        staging[projection.name] = nil
        return position
    }

    /// Test hook: overwrite a stored payload byte without fixing its hash, as an attacker would.
    @_spi(Testing) public func tamper(position: Int64, payload: Data) {
        log[Int(position) - 1].payload = payload
    }
}
