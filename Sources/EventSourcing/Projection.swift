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
    /// Applies events in order. A projection may override it to keep decoded state across the
    /// batch: the result must be exactly that of applying, one by one, the events it handles,
    /// and it may refuse (throw) an event of a stream it folds whose type it cannot read.
    func apply(_ events: [RecordedEvent], to models: any ReadModelWriter) throws
}

extension Projection {
    /// Applies each event this projection handles, in order.
    public func apply(_ events: [RecordedEvent], to models: any ReadModelWriter) throws {
        for event in events where handles(event.type) { try apply(event, to: models) }
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
    /// Up to `limit` documents of a model whose keys sort after `after` (all when nil), by key:
    /// a page, so a reader never holds a whole model.
    func documents(_ model: String, after: String?, limit: Int) async throws -> [ReadModelDocument]
    /// Up to `limit` claims of a kind whose values start with `prefix` and sort after `after`, by
    /// value: claims are the stores' sorted unique keys, so a projection keeps its indexes as claims.
    func claims(_ kind: String, prefix: String, after: String?, limit: Int) async throws -> [ReadModelClaim]
    /// The documents of a model under `keys`, by key (a key without a document is left out): a
    /// page of summaries in one read instead of one read each (the stores read them in one
    /// transaction; the default reads them one after another).
    func documents(_ model: String, keys: [String]) async throws -> [String: Data]
}

/// One claim: a unique value of a kind, and its owner.
public struct ReadModelClaim: Hashable, Sendable {
    /// The claimed value.
    public var value: String
    /// Who holds it.
    public var owner: String

    /// A claim.
    public init(value: String, owner: String) {
        self.value = value
        self.owner = owner
    }
}

extension ReadModelReader {
    /// One ``document(_:key:)`` after another: stores answer in one read instead.
    public func documents(_ model: String, keys: [String]) async throws -> [String: Data] {
        var documents: [String: Data] = [:]
        for key in keys {
            if let data = try await document(model, key: key) { documents[key] = data }
        }
        return documents
    }

    /// A page filtered from ``documents(_:)``: stores answer from their index instead.
    public func documents(_ model: String, after: String?, limit: Int) async throws -> [ReadModelDocument] {
        Array(try await documents(model).lazy.filter { after == nil || $0.key > after! }.prefix(max(0, limit)))
    }
}

/// The exclusive upper bound of the values that start with `prefix` (its last scalar plus one),
/// for a range scan `prefix <= value < bound`; nil for an empty prefix (no bound).
public func claimPrefixBound(_ prefix: String) -> String? {
    guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return nil }
    var scalars = String.UnicodeScalarView(prefix.unicodeScalars.dropLast())
    scalars.append(next)
    return String(scalars)
}
