import Foundation

/// An append-only, hash-chained event log with inline read models.
///
/// Appends are atomic per batch; the expected version is checked per stream; a
/// (stream, version) clash is always a concurrency error. Idempotency is checked before
/// the version: a batch whose event ids are all recorded with identical content returns
/// the original positions; the same id with other content, or a partly recorded batch, is
/// an error. The store's inline projections see every appended batch inside the same
/// transaction, so read models and their checkpoints never lag the log.
public protocol EventStore: ReadModelReader, ProjectionRebuilding {
    /// Appends a batch to one stream, atomically.
    @discardableResult
    func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) async throws -> AppendResult

    /// Appends several streams' batches in order, atomically: every batch is recorded or none is.
    /// Each is checked as ``append(_:to:expected:)`` checks one (an import writes a log this way);
    /// with `head`, the whole call is refused (``EventStoreError/headMoved(expected:actual:)``)
    /// unless the log ends at that position when the transaction starts, so the positions the
    /// batches get are known in advance. Empty batches are skipped: one result per non-empty batch.
    @discardableResult
    func append(batches: [StreamBatch], atHead head: Int64?) async throws -> [AppendResult]

    /// The events of one stream from a version (1-based, inclusive), in order.
    func read(stream: StreamName, from version: Int64) async throws -> [RecordedEvent]

    /// Up to `limit` events after a global position, in position order.
    func readAll(after position: Int64, limit: Int) async throws -> [RecordedEvent]

    /// Up to `limit` events of one stream whose position is past `position`, in order: a page of
    /// the stream, read without loading the rest of it. Quick for the first page and for one that
    /// follows an event of the same stream (its version is looked up by position); a position
    /// outside the stream is honoured by filtering.
    func read(stream: StreamName, after position: Int64, limit: Int) async throws -> [RecordedEvent]

    /// The events the filter passes, counted by type, stream category, actor and day in one
    /// aggregate query; nil when the store has none (the caller then reads and counts).
    func eventCounts(_ filter: EventCountFilter) async throws -> [EventCount]?

    /// The current version of a stream (0 when it has no events).
    func version(of stream: StreamName) async throws -> Int64

    /// The sealed data key of a subject, nil when it has none (never had one, or it was deleted).
    func subjectKey(_ subject: String) async throws -> Data?

    /// Makes deleted data (a forgotten subject's key) leave the store's current files, as far as
    /// the store can: SQLite checkpoints its write-ahead log into the file and truncates it,
    /// PostgreSQL rewrites the keys' table. Older backups and exports keep what they hold.
    func scrub() async throws -> ScrubOutcome

    /// The newest position and hash.
    func head() async throws -> LogHead

    /// Takes the lease `name` for `holder` until `until` when it is free, expired at `now`, or
    /// already `holder`'s (a renewal); otherwise leaves it as it is. Returns the lease as it stands
    /// after the call: `holder` holds it exactly when the result's holder is `holder`.
    func acquireLease(_ name: String, holder: String, now: Timestamp, until: Timestamp) async throws -> Lease

    /// Ends the lease `name` if `holder` holds it; otherwise does nothing.
    func releaseLease(_ name: String, holder: String) async throws

    /// The lease `name` as it stands (possibly expired), or nil when nobody took it or it was released.
    func lease(_ name: String) async throws -> Lease?

    /// The failed attempts kept for the work `work` (e.g. `publisher`), by subject.
    func attempts(_ work: String) async throws -> [WorkAttempt]

    /// Keeps each attempt for `work`, replacing what was kept for its subject, in one transaction.
    func saveAttempts(_ attempts: [WorkAttempt], for work: String) async throws

    /// Forgets what was kept for these subjects of `work` (they succeeded or failed for good).
    func clearAttempts(_ subjects: [String], for work: String) async throws

    /// Every event after `position`, then each new one as it commits, until the consuming task is
    /// cancelled. Stores without notifications poll (``PollingSubscription``).
    func subscribe(after position: Int64) -> EventSubscription

    /// The version of the store's own schema (migrations applied), for `status`.
    func schemaVersion() async throws -> Int
}

extension EventStore {
    /// Polls the log every 200 ms once caught up.
    public func subscribe(after position: Int64) -> EventSubscription {
        EventSubscription(PollingSubscription(store: self, after: position))
    }

    /// Appends several streams' batches in order, atomically, wherever the log ends.
    @discardableResult
    public func append(batches: [StreamBatch]) async throws -> [AppendResult] {
        try await append(batches: batches, atHead: nil)
    }

    /// The events of one stream from the start.
    public func read(stream: StreamName) async throws -> [RecordedEvent] {
        try await read(stream: stream, from: 1)
    }

    /// No aggregate query: `stats` reads and counts the events.
    public func eventCounts(_ filter: EventCountFilter) async throws -> [EventCount]? { nil }

    /// A page of a stream by filtering the whole stream: for stores (and wrappers) without a
    /// paged read of their own.
    public func read(stream: StreamName, after position: Int64, limit: Int) async throws -> [RecordedEvent] {
        Array(try await read(stream: stream).lazy.filter { $0.position > position }.prefix(max(0, limit)))
    }

    /// Every event after a position, fetched in batches so memory stays bounded.
    public func events(after position: Int64 = 0, batchSize: Int = 1_000) -> EventBatches {
        EventBatches(store: self, after: position, batchSize: batchSize)
    }
}

/// How far ``EventStore/scrub()`` got.
public enum ScrubOutcome: Sendable, Equatable {
    /// Deleted data is gone from the store's current files.
    case completed
    /// Readers held old pages: the write-ahead log still holds deleted data until they finish and
    /// a later scrub (or checkpoint) runs.
    case blockedByReaders
    /// Only the table's owner may rewrite it: the statement to run as the owner.
    case needsOwner(statement: String)
}

/// One stream's part of a multi-stream append.
public struct StreamBatch: Sendable {
    /// The events, in order.
    public var events: [NewEvent]
    /// The stream they go to.
    public var stream: StreamName
    /// The version the stream must be at before them.
    public var expected: ExpectedVersion
    /// Subject keys the events are the first to use, written in the same transaction (skipped with
    /// an empty batch). A key already stored with the same bytes is absorbed; with other bytes
    /// the whole call is refused (``EventStoreError/subjectKeyConflict(subject:)``).
    public var keys: [SubjectKey]
    /// Subjects whose keys are deleted in the same transaction (forgetting a customer), after
    /// this batch's keys are written; their deleted bytes are overwritten, not just unlinked.
    public var forgetting: [String]

    /// A batch for one stream, with the subject keys its events are the first to use and those it deletes.
    public init(
        _ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion, keys: [SubjectKey] = [],
        forgetting: [String] = []
    ) {
        self.events = events
        self.stream = stream
        self.expected = expected
        self.keys = keys
        self.forgetting = forgetting
    }
}

/// An async sequence of the log's events read in batches.
public struct EventBatches: AsyncSequence, Sendable {
    /// Each element is one recorded event, in position order.
    public typealias Element = RecordedEvent
    let store: any EventStore
    let after: Int64
    let batchSize: Int

    /// Hands out one buffered batch of events, then reads the next after the last position seen.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let store: any EventStore
        let batchSize: Int
        var position: Int64
        var buffer: [RecordedEvent] = []
        var index = 0
        var exhausted = false

        /// The next event, reading another batch when the buffer is spent; nil after the end of the log.
        public mutating func next() async throws -> RecordedEvent? {
            if index == buffer.count {
                guard !exhausted else { return nil }
                buffer = try await store.readAll(after: position, limit: batchSize)
                index = 0
                exhausted = buffer.count < batchSize
                guard let last = buffer.last else { return nil }
                position = last.position
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    /// An iterator that starts after the sequence's starting position.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(store: store, batchSize: batchSize, position: after)
    }
}

/// Errors every store reports the same way.
public enum EventStoreError: Error, Equatable, CustomStringConvertible {
    /// The stream is not at the expected version: someone else wrote first.
    case wrongExpectedVersion(stream: StreamName, expected: ExpectedVersion, actual: Int64)
    /// An event id is recorded with different content.
    case duplicateEventID(UUID, position: Int64)
    /// Some but not all of a batch's event ids are recorded.
    case partiallyRecordedBatch(stream: StreamName, recorded: [UUID])
    /// An event id appears twice in one batch.
    case repeatedEventIDInBatch(UUID)
    /// A read model's unique claim (a channel name, a target ID) is held by another owner.
    case claimConflict(kind: String, value: String, owner: String)
    /// The log did not end where an append that names its head expected.
    case headMoved(expected: Int64, actual: Int64)
    /// Another writer stored a different key for the subject first: seal again under that one.
    case subjectKeyConflict(subject: String)

    /// Whether another writer got there first: the stream moved, or a claim or a subject's key
    /// the append makes was taken. Nothing was written; reading again and deciding again may succeed.
    public var isLostRace: Bool {
        switch self {
        case .wrongExpectedVersion, .claimConflict, .subjectKeyConflict: true
        case .duplicateEventID, .partiallyRecordedBatch, .repeatedEventIDInBatch, .headMoved: false
        }
    }

    /// One line saying what was refused and, where it helps, what to do.
    public var description: String {
        switch self {
        case .wrongExpectedVersion(let stream, let expected, let actual):
            "\(stream) is at version \(actual), not the expected \(expected): another writer changed it first; retry"
        case .duplicateEventID(let id, let position):
            "event \(id.uuidString.lowercased()) is already recorded at position \(position) with different content"
        case .partiallyRecordedBatch(let stream, let recorded):
            "the batch for \(stream) is partly recorded already (\(recorded.count) of its events); append only the new ones"
        case .repeatedEventIDInBatch(let id):
            "event id \(id.uuidString.lowercased()) appears twice in one batch"
        case .claimConflict(let kind, let value, _):
            "the \(kind) \"\(value)\" is already taken"
        case .headMoved(let expected, let actual):
            "the log ends at position \(actual), not \(expected): another writer appended meanwhile; nothing was written"
        case .subjectKeyConflict(let subject):
            "another writer stored a different key for \(subject) first; nothing was written: seal again under that key"
        }
    }
}
