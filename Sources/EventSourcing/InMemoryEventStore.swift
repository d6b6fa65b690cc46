import Foundation

/// An event store in memory: the reference implementation of ``EventStore``, for tests
/// and throwaway runs. It follows the same contract as the durable stores.
public actor InMemoryEventStore: EventStore {
    private var log: [RecordedEvent] = []
    private var positionByID: [UUID: Int] = [:]
    private var streamIndex: [StreamName: [Int]] = [:]
    private var models = InMemoryReadModels()
    private var checkpoints: [String: Int64] = [:]
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
        let staged = models.copy()
        for record in recorded {
            for projection in projections where projection.handles(record.type) {
                try projection.apply(record, to: staged)
            }
        }
        models = staged
        for record in recorded {
            positionByID[record.id] = log.count
            streamIndex[stream, default: []].append(log.count)
            log.append(record)
        }
        for projection in projections { checkpoints[projection.name] = Int64(log.count) }
        return AppendResult(
            positions: recorded.map(\.position), streamVersion: recorded.last!.version, wasDuplicate: false)
    }

    /// The events of one stream from a version (1-based, inclusive), in order.
    public func read(stream: StreamName, from version: Int64) -> [RecordedEvent] {
        let indices = streamIndex[stream] ?? []
        let start = max(0, Int(version) - 1)
        guard start < indices.count else { return [] }
        return indices[start...].map { log[$0] }
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

    /// The position a projection has applied up to (0 before its first append).
    public func checkpoint(_ projection: String) -> Int64 {
        checkpoints[projection] ?? 0
    }

    /// Test hook: overwrite a stored payload byte without fixing its hash, as an attacker would.
    @_spi(Testing) public func tamper(position: Int64, payload: Data) {
        log[Int(position) - 1].payload = payload
    }
}

/// Read models held in dictionaries; copied before each append so a failure stages nothing.
final class InMemoryReadModels: ReadModelWriter {
    var documents: [String: [String: Data]] = [:]
    var claims: [String: [String: String]] = [:]

    func copy() -> InMemoryReadModels {
        let other = InMemoryReadModels()
        other.documents = documents
        other.claims = claims
        return other
    }

    func document(_ model: String, key: String) -> Data? {
        documents[model]?[key]
    }

    func setDocument(_ model: String, key: String, to data: Data?) {
        documents[model, default: [:]][key] = data
    }

    func claim(_ kind: String, value: String, owner: String) throws {
        if let holder = claims[kind]?[value], holder != owner {
            throw EventStoreError.claimConflict(kind: kind, value: value, owner: holder)
        }
        claims[kind, default: [:]][value] = owner
    }

    func release(_ kind: String, value: String, owner: String) {
        if claims[kind]?[value] == owner { claims[kind]?[value] = nil }
    }
}
