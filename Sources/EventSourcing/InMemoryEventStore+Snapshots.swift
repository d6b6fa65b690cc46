import Foundation

extension InMemoryEventStore: SnapshotKeeping {
    /// Every mark kept, by position.
    public func snapshotMarks() -> [SnapshotMark] {
        keptMarks.values.sorted { $0.position < $1.position }
    }

    /// Each row's latest change at or before the mark, removed rows left out; nil when the mark is gone.
    public func snapshotRows(at mark: SnapshotMark) -> [SnapshotRow]? {
        guard keptMarks[mark.position]?.fingerprint == mark.fingerprint else { return nil }
        let position = mark.position
        return keptRows.compactMap { row, changes in
            guard let latest = changes.keys.filter({ $0 <= position }).max(), let data = changes[latest]! else {
                return nil
            }
            return SnapshotRow(kind: row.kind, name: row.name, key: row.key, data: data)
        }
    }

    /// Keeps the rows and the mark.
    public func saveSnapshot(_ mark: SnapshotMark, changes: [SnapshotRow]) {
        for row in changes {
            keptRows[SnapshotRowKey(kind: row.kind, name: row.name, key: row.key), default: [:]][mark.position] =
                .some(row.data)
        }
        keptMarks[mark.position] = mark
    }

    /// Forgets every mark and row.
    public func dropSnapshots() {
        keptMarks = [:]
        keptRows = [:]
    }
}
