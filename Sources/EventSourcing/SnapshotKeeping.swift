import Foundation

/// Read models as they stood at points of the log, kept beside it (never in its hash chain) so
/// that a question about the past (`--as-of`) folds one window of events, not the whole log.
///
/// A snapshot is kept as the rows that changed since the one before it (``SnapshotMark/previous``):
/// the read models at a mark are, for each row, its latest change at or before the mark. A keeper
/// only stores and answers; which marks form a usable chain, and what a fingerprint means, is the
/// caller's business. A mark can be deleted, with or without its rows (a fold then writes it
/// again); rows must not be deleted without their marks, which would still vouch for them.
public protocol SnapshotKeeping: Sendable {
    /// Every mark kept, by position.
    func snapshotMarks() async throws -> [SnapshotMark]

    /// The rows as they stood at `mark`: for each row, its latest change at or before it, the
    /// rows whose latest change removed them left out. Nil when that mark (its position and
    /// fingerprint) is no longer kept, checked in the same read as the rows, so a drop by another
    /// process between reading the marks and reading the rows is never taken for a snapshot.
    func snapshotRows(at mark: SnapshotMark) async throws -> [SnapshotRow]?

    /// Keeps `changes` as the rows changed up to `mark`, and the mark, in one transaction. Saving a
    /// mark again with the same rows (a fold that ran twice, or two processes at once) is harmless.
    func saveSnapshot(_ mark: SnapshotMark, changes: [SnapshotRow]) async throws

    /// Forgets every mark and row at once (a new fingerprint starts over).
    func dropSnapshots() async throws
}

/// One snapshot's place in the log.
public struct SnapshotMark: Hashable, Sendable {
    /// The last position the snapshot includes.
    public var position: Int64
    /// The mark whose snapshot this one's rows change (0 for the first).
    public var previous: Int64
    /// What wrote it (projection versions and the rule that places marks): a mark written under
    /// another fingerprint is not used.
    public var fingerprint: String
    /// The latest time an event at or before `position` was recorded at (times need not rise
    /// along the log, so a fold as of a time starts from the last mark whose latest time is not after it).
    public var latestTime: Timestamp

    /// A mark.
    public init(position: Int64, previous: Int64, fingerprint: String, latestTime: Timestamp) {
        self.position = position
        self.previous = previous
        self.fingerprint = fingerprint
        self.latestTime = latestTime
    }
}

/// A read-model row as a snapshot keeps it: a document or a claim, or its removal.
public struct SnapshotRow: Hashable, Sendable {
    /// Documents and claims are kept apart (a claim kind may share a model's name).
    public enum Kind: String, Sendable {
        /// A document: `name` is its model, `data` its bytes.
        case document = "d"
        /// A claim: `name` is its kind, `key` its value, `data` its owner in UTF-8.
        case claim = "c"
    }

    /// Document or claim.
    public var kind: Kind
    /// The model or claim kind.
    public var name: String
    /// The document's key or the claimed value.
    public var key: String
    /// The document, the claim's owner in UTF-8, or nil for a row removed.
    public var data: Data?

    /// A row.
    public init(kind: Kind, name: String, key: String, data: Data?) {
        self.kind = kind
        self.name = name
        self.key = key
        self.data = data
    }
}

/// A snapshot row's identity: what it is, whatever it holds.
struct SnapshotRowKey: Hashable {
    var kind: SnapshotRow.Kind
    var name: String
    var key: String
}
