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
    /// Each row touched since the last ``takeChanges()``, with what it held then (a claim: its
    /// owner in UTF-8, as a snapshot keeps it).
    private var before: [SnapshotRowKey: Data?] = [:]

    /// Tracks changes to `models` from now on.
    public init(_ models: InMemoryReadModels) {
        self.models = models
    }

    /// The rows that differ from what they were at the last call, as they stand now (nil for one
    /// removed); what is tracked starts afresh.
    public func takeChanges() -> [SnapshotRow] {
        var rows: [SnapshotRow] = []
        for (row, then) in before {
            let now = data(of: row)
            if now != then { rows.append(SnapshotRow(kind: row.kind, name: row.name, key: row.key, data: now)) }
        }
        before.removeAll(keepingCapacity: true)
        return rows
    }

    /// What a row holds now, as a snapshot keeps it.
    private func data(of row: SnapshotRowKey) -> Data? {
        switch row.kind {
        case .document: models.document(row.name, key: row.key)
        case .claim: models.claims[row.name]?[row.key].map { Data($0.utf8) }
        }
    }

    /// Notes what a row holds before its first change since the last ``takeChanges()``.
    private func touching(_ row: SnapshotRowKey) {
        if before[row] == nil { before[row] = .some(data(of: row)) }
    }

    /// The document under a key.
    public func document(_ model: String, key: String) -> Data? {
        models.document(model, key: key)
    }

    /// Stores (or, with nil, deletes) a document, noting what it was first.
    public func setDocument(_ model: String, key: String, to data: Data?) {
        touching(SnapshotRowKey(kind: .document, name: model, key: key))
        models.setDocument(model, key: key, to: data)
    }

    /// Takes a value for an owner, noting its owner first.
    public func claim(_ kind: String, value: String, owner: String) throws {
        // (A refused claim leaves its row as it was: noted, it shows no change.)
        touching(SnapshotRowKey(kind: .claim, name: kind, key: value))
        try models.claim(kind, value: value, owner: owner)
    }

    /// Gives up a value this owner holds, noting its owner first.
    public func release(_ kind: String, value: String, owner: String) {
        touching(SnapshotRowKey(kind: .claim, name: kind, key: value))
        models.release(kind, value: value, owner: owner)
    }
}
