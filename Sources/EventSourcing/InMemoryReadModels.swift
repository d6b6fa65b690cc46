import Foundation

/// Read models held in dictionaries: the in-memory store's, and what a fold up to a point
/// in the log (`--as-of`) builds. Copy it before a change that may fail, so nothing half-done stays.
public final class InMemoryReadModels: ReadModelWriter {
    /// Documents by model, then key.
    public private(set) var documents: [String: [String: Data]] = [:]
    /// Claim owners by kind, then value.
    public private(set) var claims: [String: [String: String]] = [:]

    /// Empty read models.
    public init() {}

    /// The read models a snapshot's rows describe.
    public convenience init(rows: [SnapshotRow]) {
        self.init()
        for row in rows {
            guard let data = row.data else { continue }
            switch row.kind {
            case .document: documents[row.name, default: [:]][row.key] = data
            case .claim: claims[row.name, default: [:]][row.key] = String(decoding: data, as: UTF8.self)
            }
        }
    }

    /// Every row, as a full snapshot keeps it.
    public var rows: [SnapshotRow] {
        documents.flatMap { model, byKey in
            byKey.map { SnapshotRow(kind: .document, name: model, key: $0.key, data: $0.value) }
        }
            + claims.flatMap { kind, byValue in
                byValue.map { SnapshotRow(kind: .claim, name: kind, key: $0.key, data: Data($0.value.utf8)) }
            }
    }

    /// How many rows (documents and claims) there are.
    public var rowCount: Int {
        documents.values.reduce(0) { $0 + $1.count } + claims.values.reduce(0) { $0 + $1.count }
    }

    /// An independent copy.
    public func copy() -> InMemoryReadModels {
        let other = InMemoryReadModels()
        other.documents = documents
        other.claims = claims
        return other
    }

    /// An immutable view that answers queries as a store would.
    public func snapshot(checkpoints: [String: Int64] = [:]) -> ReadModelSnapshot {
        ReadModelSnapshot(documents: documents, claims: claims, checkpoints: checkpoints)
    }

    /// Takes over the given models and claim kinds from another set of read models (what it
    /// lacks is removed here too).
    public func replace(models: [String], claimKinds: [String], from other: InMemoryReadModels) {
        for model in models { documents[model] = other.documents[model] }
        for kind in claimKinds { claims[kind] = other.claims[kind] }
    }

    /// The document under a key.
    public func document(_ model: String, key: String) -> Data? {
        documents[model]?[key]
    }

    /// Stores (or, with nil, deletes) a document.
    public func setDocument(_ model: String, key: String, to data: Data?) {
        documents[model, default: [:]][key] = data
    }

    /// Takes a value for an owner, refusing one another owner holds.
    public func claim(_ kind: String, value: String, owner: String) throws {
        if let holder = claims[kind]?[value], holder != owner {
            throw EventStoreError.claimConflict(kind: kind, value: value, owner: holder)
        }
        claims[kind, default: [:]][value] = owner
    }

    /// Gives up a value this owner holds.
    public func release(_ kind: String, value: String, owner: String) {
        if claims[kind]?[value] == owner { claims[kind]?[value] = nil }
    }
}

/// Read models frozen at one point: answers the same queries as a store.
public struct ReadModelSnapshot: ReadModelReader {
    let documents: [String: [String: Data]]
    let claims: [String: [String: String]]
    let checkpoints: [String: Int64]

    /// The document under a key.
    public func document(_ model: String, key: String) -> Data? {
        documents[model]?[key]
    }

    /// Every document of a model, ordered by key.
    public func documents(_ model: String) -> [ReadModelDocument] {
        (documents[model] ?? [:]).sorted { $0.key < $1.key }.map { ReadModelDocument(key: $0.key, data: $0.value) }
    }

    /// The owner of a claimed value.
    public func claimOwner(_ kind: String, value: String) -> String? {
        claims[kind]?[value]
    }

    /// The position the fold reached for a projection (0 when unknown).
    public func checkpoint(_ projection: String) -> Int64 {
        checkpoints[projection] ?? 0
    }

    /// Claims of a kind with a prefix, after a value, by value.
    public func claims(_ kind: String, prefix: String, after: String?, limit: Int) -> [ReadModelClaim] {
        InMemoryReadModels.page(of: claims[kind] ?? [:], prefix: prefix, after: after, limit: limit)
    }
}

extension InMemoryReadModels {
    /// Claims of one kind filtered to a prefix, after a value, by value.
    static func page(of claims: [String: String], prefix: String, after: String?, limit: Int) -> [ReadModelClaim] {
        Array(
            claims.filter { claim in claim.key.hasPrefix(prefix) && after.map { claim.key > $0 } ?? true }
                .sorted { $0.key < $1.key }.prefix(max(0, limit))
                .map { ReadModelClaim(value: $0.key, owner: $0.value) })
    }
}
