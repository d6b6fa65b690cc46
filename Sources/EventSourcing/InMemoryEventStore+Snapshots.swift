import Foundation

/// A snapshot row's identity: what it is, whatever it holds.
struct SnapshotRowKey: Hashable {
    var kind: SnapshotRow.Kind
    var name: String
    var key: String
}

extension InMemoryEventStore: SnapshotKeeping {
    /// Every mark kept, by position.
    public func snapshotMarks() -> [SnapshotMark] {
        keptMarks.values.sorted { $0.position < $1.position }
    }

    /// Each row's latest change at or before `position`, removed rows left out.
    public func snapshotRows(at position: Int64) -> [SnapshotRow] {
        keptRows.compactMap { row, changes in
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
