import Foundation

extension InMemoryEventStore: SnapshotKeeping {
    /// Every mark kept, by position.
    public func snapshotMarks() -> [SnapshotMark] {
        keptMarks.values.map(\.mark).sorted { $0.position < $1.position }
    }

    /// Each row's latest change from the mark's base up to the mark, removed rows left out; nil
    /// when the mark is gone, or a mark between was deleted or is of another fingerprint.
    public func snapshotRows(at mark: SnapshotMark) throws -> [SnapshotRow]? {
        guard let kept = keptMarks[mark.position]?.mark, kept.fingerprint == mark.fingerprint, kept.base == mark.base,
            mark.base <= mark.position
        else { return nil }
        let marks = keptMarks.values.filter {
            (mark.base...mark.position).contains($0.mark.position) && $0.mark.fingerprint == mark.fingerprint
        }
        .sorted { $0.mark.position < $1.mark.position }
        .map { (position: $0.mark.position, previous: $0.mark.previous, rows: $0.rows) }
        return try SnapshotPack.rows(at: mark.position, from: mark.base, marks: marks)
    }

    /// Keeps the mark with its rows packed; a mark saved again is replaced.
    public func saveSnapshot(_ mark: SnapshotMark, changes: [SnapshotRow]) throws {
        keptMarks[mark.position] = (mark, try SnapshotPack.pack(changes))
    }

    /// Forgets every mark and its rows.
    public func dropSnapshots() {
        keptMarks = [:]
    }
}
