import Foundation

/// Read models as they stood at points of the log, kept beside it (never in its hash chain) so
/// that a question about the past (`--as-of`) folds one window of events, not the whole log.
///
/// A snapshot is kept as the rows that changed since the one before it (``SnapshotMark/previous``),
/// or as every row (a full one, its own ``SnapshotMark/base``): the read models at a mark are, for
/// each row, its latest change from the mark's base up to the mark. A keeper only stores and
/// answers; which marks form a usable chain, and what a fingerprint means, is the caller's
/// business. A mark and its rows are kept and deleted together; a mark deleted is written again by
/// the next fold that passes it, and until then the marks read through it give no rows.
public protocol SnapshotKeeping: Sendable {
    /// Every mark kept, by position.
    func snapshotMarks() async throws -> [SnapshotMark]

    /// The rows as they stood at `mark`: for each row, its latest change from the mark's base up
    /// to the mark, the rows whose latest change removed them left out. Nil when that mark (its
    /// position, base and fingerprint) or one between it and its base is no longer kept, checked in
    /// the same read as the rows, so a drop by another process between reading the marks and
    /// reading the rows is never taken for a snapshot.
    func snapshotRows(at mark: SnapshotMark) async throws -> [SnapshotRow]?

    /// Keeps `changes` as the rows changed up to `mark` (every row, when the mark is its own
    /// base), and the mark, in one transaction. Saving a mark again with the same rows (a fold
    /// that ran twice, or two processes at once) is harmless.
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
    /// The mark whose rows are every row (a full snapshot), from which this one is read: its rows,
    /// then the changes of each mark after it up to this one. A full mark is its own base; 0 reads
    /// from the first mark on.
    public var base: Int64
    /// The changed rows kept after the base up to this mark. A mark whose changes would bring them
    /// to as many as the read models' rows is written full instead, so reading a mark takes fewer
    /// than twice the read models' rows.
    public var carried: Int64
    /// What wrote it (projection versions and the rule that places marks): a mark written under
    /// another fingerprint is not used.
    public var fingerprint: String
    /// The latest time an event at or before `position` was recorded at (times need not rise
    /// along the log, so a fold as of a time starts from the last mark whose latest time is not after it).
    public var latestTime: Timestamp

    /// A mark.
    public init(
        position: Int64, previous: Int64, base: Int64 = 0, carried: Int64 = 0, fingerprint: String,
        latestTime: Timestamp
    ) {
        self.position = position
        self.previous = previous
        self.base = base
        self.carried = carried
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

extension SnapshotRow {
    /// What the row is, whatever it holds.
    var identity: SnapshotRowKey { SnapshotRowKey(kind: kind, name: name, key: key) }
}
