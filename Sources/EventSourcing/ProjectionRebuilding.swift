import Foundation

/// Where a projection's read models stand, as the store records it.
public struct ProjectionCheckpoint: Hashable, Sendable {
    /// Whether appends keep a projection's live models up to date: only when they were built by
    /// the same version (or the log is empty, so there is nothing to have built). Models of
    /// another version wait for a rebuild: applying new code to what old code wrote would mix the two.
    public static func keepsInline(storedVersion: Int?, projectionVersion: Int, logIsEmpty: Bool) -> Bool {
        storedVersion.map { $0 == projectionVersion } ?? logIsEmpty
    }

    /// The version a checkpoint records once its models are invalidated
    /// (``ProjectionRebuilding/invalidate(_:)``): no projection has it, so appends stop keeping
    /// those models, even in an empty log, and the next open rebuilds them.
    public static let invalidatedVersion = 0

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
    /// Records the live models of `projections` as built by no version (their checkpoints at
    /// ``ProjectionCheckpoint/invalidatedVersion``, their positions kept): from the next append on,
    /// appends no longer apply them, and the next open of the store rebuilds them in large batches.
    /// An import of a large log does this before writing it. The live rows stay until the swap.
    func invalidate(_ projections: [any Projection]) async throws
}

/// Why a rebuild could not go on.
public enum ProjectionRebuildError: Error, Equatable, CustomStringConvertible {
    /// Another rebuild of the projection took the staging area over.
    case takenOver(String)
    /// The batch does not continue the staged checkpoint.
    case notContiguous(projection: String, staged: Int64, first: Int64)

    /// One line naming the projection and what happened. (The CLI adds the fix.)
    public var description: String {
        switch self {
        case .takenOver(let name):
            "another rebuild of projection \(name) took over"
        case .notContiguous(let name, let staged, let first):
            "the rebuild of projection \(name) stands at position \(staged) but was given events from \(first)"
        }
    }
}
