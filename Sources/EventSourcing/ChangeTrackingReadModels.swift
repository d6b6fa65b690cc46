import Foundation

/// Read models in memory that remember which rows changed since they were last asked: a fold
/// that keeps snapshots writes those rows at each mark.
///
/// A row is a change only when it differs from what it was at the last ``takeChanges()``: a name
/// claimed and released again in between (a channel renamed twice), or a document written back
/// as it was, is not kept, so a snapshot's size follows what changed, not how often.
public final class ChangeTrackingReadModels: ReadModelWriter {
    /// The read models themselves.
    public let models: InMemoryReadModels
    /// Each document touched since the last ``takeChanges()``, with what it was then.
    private var documentsBefore: [RowKey: Data?] = [:]
    /// Each claim touched since the last ``takeChanges()``, with its owner then.
    private var claimsBefore: [RowKey: String?] = [:]

    private struct RowKey: Hashable {
        var name: String
        var key: String
    }

    /// Tracks changes to `models` from now on.
    public init(_ models: InMemoryReadModels) {
        self.models = models
    }

    /// The rows that differ from what they were at the last call, as they stand now (nil for one
    /// removed); what is tracked starts afresh.
    public func takeChanges() -> [SnapshotRow] {
        var rows: [SnapshotRow] = []
        for (row, before) in documentsBefore {
            let now = models.document(row.name, key: row.key)
            if now != before { rows.append(SnapshotRow(kind: .document, name: row.name, key: row.key, data: now)) }
        }
        for (row, before) in claimsBefore {
            let now = models.claims[row.name]?[row.key]
            if now != before {
                rows.append(SnapshotRow(kind: .claim, name: row.name, key: row.key, data: now.map { Data($0.utf8) }))
            }
        }
        documentsBefore.removeAll(keepingCapacity: true)
        claimsBefore.removeAll(keepingCapacity: true)
        return rows
    }

    /// The document under a key.
    public func document(_ model: String, key: String) -> Data? {
        models.document(model, key: key)
    }

    /// Stores (or, with nil, deletes) a document, noting what it was first.
    public func setDocument(_ model: String, key: String, to data: Data?) {
        let row = RowKey(name: model, key: key)
        if documentsBefore[row] == nil { documentsBefore[row] = .some(models.document(model, key: key)) }
        models.setDocument(model, key: key, to: data)
    }

    /// Takes a value for an owner, noting its owner first.
    public func claim(_ kind: String, value: String, owner: String) throws {
        let row = RowKey(name: kind, key: value)
        let before = models.claims[kind]?[value]
        try models.claim(kind, value: value, owner: owner)
        if claimsBefore[row] == nil { claimsBefore[row] = .some(before) }
    }

    /// Gives up a value this owner holds, noting its owner first.
    public func release(_ kind: String, value: String, owner: String) {
        let row = RowKey(name: kind, key: value)
        if claimsBefore[row] == nil { claimsBefore[row] = .some(models.claims[kind]?[value]) }
        models.release(kind, value: value, owner: owner)
    }
}
