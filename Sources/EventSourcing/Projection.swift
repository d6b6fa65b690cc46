import Foundation

/// A read model built only from events, run inline: inside the append transaction.
///
/// A projection keeps JSON documents (keyed by model and key) and unique claims (a value
/// of a kind owned by one owner, e.g. a channel name key owned by a channel id). Claims
/// are unique in the store's schema, so a race that slips past the deciders is still
/// refused by the store with ``EventStoreError/claimConflict(kind:value:owner:)``.
public protocol Projection: Sendable {
    /// The read model's stable name.
    var name: String { get }
    /// Bumped whenever the projection's code changes what it writes: a store whose checkpoint
    /// records another version rebuilds the projection.
    var version: Int { get }
    /// The document models this projection owns (a rebuild replaces exactly these).
    var models: [String] { get }
    /// The claim kinds this projection owns (a rebuild replaces exactly these).
    var claimKinds: [String] { get }
    /// Whether an event type matters to this projection (checked before decoding anything).
    func handles(_ type: String) -> Bool
    /// Applies one event.
    func apply(_ event: RecordedEvent, to models: any ReadModelWriter) throws
    /// Applies events in order; a projection may override it to keep decoded state across the
    /// batch, as long as the result is exactly that of applying them one by one.
    func apply(_ events: [RecordedEvent], to models: any ReadModelWriter) throws
}

extension Projection {
    /// Applies each event this projection handles, in order.
    public func apply(_ events: [RecordedEvent], to models: any ReadModelWriter) throws {
        for event in events where handles(event.type) { try apply(event, to: models) }
    }
}

/// Where a projection's read models stand, as the store records it.
public struct ProjectionCheckpoint: Hashable, Sendable {
    /// The projection's name.
    public var name: String
    /// The projection version that wrote the live read models.
    public var version: Int
    /// The last position applied to the live read models.
    public var position: Int64

    /// A checkpoint.
    public init(name: String, version: Int, position: Int64) {
        self.name = name
        self.version = version
        self.position = position
    }
}

/// A rebuild in progress: read models being built aside, not yet swapped in.
public struct StagedRebuild: Hashable, Sendable {
    /// The projection being rebuilt.
    public var name: String
    /// The projection version the staged models are built by.
    public var version: Int
    /// The last position applied to the staged models.
    public var position: Int64
    /// The rebuild that owns the staging area; another rebuild taking over changes it.
    public var owner: UUID

    /// A staged rebuild.
    public init(name: String, version: Int, position: Int64, owner: UUID) {
        self.name = name
        self.version = version
        self.position = position
        self.owner = owner
    }
}

/// How a store rebuilds projections aside and swaps them in (blue/green).
///
/// The staging area of a projection holds documents and claims of its own; batches are
/// applied to it with its checkpoint moved in the same transaction, so a rebuild killed at any
/// point resumes from the last batch. ``completeRebuild(_:owner:)`` applies what the log gained
/// meanwhile and replaces the live models in one write transaction: readers see the old models
/// or the new ones, never half of either.
public protocol ProjectionRebuilding: Sendable {
    /// Every projection checkpoint the store records.
    func projectionCheckpoints() async throws -> [ProjectionCheckpoint]
    /// The staged rebuild of a projection, if one exists.
    func stagedRebuild(_ name: String) async throws -> StagedRebuild?
    /// Takes over the staging area for `owner`: kept (to resume) when it holds the same
    /// version and `restart` is false, emptied otherwise.
    func startRebuild(_ projection: any Projection, owner: UUID, restart: Bool) async throws -> StagedRebuild
    /// Applies a batch to the staging area and moves its checkpoint to the batch's last position,
    /// in one transaction; fails with ``ProjectionRebuildError/takenOver(_:)`` when another
    /// rebuild owns the area now.
    func stage(_ events: [RecordedEvent], for projection: any Projection, owner: UUID) async throws
    /// Applies the events after the staging checkpoint and swaps the staged models in, in one
    /// write transaction; returns the position the live models now stand at.
    func completeRebuild(_ projection: any Projection, owner: UUID) async throws -> Int64
}

/// Why a rebuild could not go on.
public enum ProjectionRebuildError: Error, Equatable, CustomStringConvertible {
    /// Another rebuild of the projection took the staging area over.
    case takenOver(String)
    /// The batch does not continue the staged checkpoint.
    case notContiguous(projection: String, staged: Int64, first: Int64)

    /// One line naming the projection and what to do.
    public var description: String {
        switch self {
        case .takenOver(let name):
            "another rebuild of projection \(name) took over; let it finish or run `channel-ledger projections rebuild \(name)` again"
        case .notContiguous(let name, let staged, let first):
            "the rebuild of projection \(name) stands at position \(staged) but was given events from \(first)"
        }
    }
}

/// Read-model storage as a projection sees it, inside the append transaction.
public protocol ReadModelWriter {
    /// The document stored under a key, if any.
    func document(_ model: String, key: String) throws -> Data?
    /// Stores (or, with nil, deletes) the document under a key.
    func setDocument(_ model: String, key: String, to data: Data?) throws
    /// Takes a unique value for an owner; throws ``EventStoreError/claimConflict(kind:value:owner:)`` when another owner holds it.
    func claim(_ kind: String, value: String, owner: String) throws
    /// Gives up a value this owner holds (no effect otherwise).
    func release(_ kind: String, value: String, owner: String) throws
}

/// One stored read-model document.
public struct ReadModelDocument: Hashable, Sendable {
    /// The document's key within its read model.
    public var key: String
    /// The document's JSON bytes.
    public var data: Data

    /// Creates a document from a key and its bytes.
    public init(key: String, data: Data) {
        self.key = key
        self.data = data
    }
}

/// Queries over read models; consistent with the log at the time of the call.
public protocol ReadModelReader: Sendable {
    /// The document under a key.
    func document(_ model: String, key: String) async throws -> Data?
    /// Every document of a model, ordered by key.
    func documents(_ model: String) async throws -> [ReadModelDocument]
    /// The owner of a claimed value.
    func claimOwner(_ kind: String, value: String) async throws -> String?
    /// The position a projection has applied up to.
    func checkpoint(_ projection: String) async throws -> Int64
}
