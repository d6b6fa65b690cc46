import EventSourcing
import Foundation

/// A document's address.
struct DocumentKey: Hashable, Sendable {
    var model: String
    var key: String
}

/// A claim's address.
struct ClaimKey: Hashable, Sendable {
    var kind: String
    var value: String
}

/// Read-model rows fetched from the server inside the append transaction (nil: no such row).
struct LoadedReadModels: Sendable {
    var documents: [DocumentKey: Data?] = [:]
    var claims: [ClaimKey: String?] = [:]
}

/// The read models as inline projections see them during one append: loaded rows overlaid with
/// the batch's own writes.
///
/// ``ReadModelWriter`` is synchronous while the server is not, so projections run in passes:
/// a read of a row not loaded yet is recorded as a miss and answered "absent" for the rest of
/// the pass. When a pass misses anything its outcome (an error included) is discarded, the
/// missed rows are fetched in one query per kind, and the batch is projected again from the
/// start. The first pass without a miss saw exactly what a synchronous store would have shown,
/// so its writes (or its error) are the result. Projections are pure functions of the events and
/// the rows they read, so repeating a pass is harmless; most batches take two passes.
final class StagedReadModels: ReadModelWriter {
    private let loaded: LoadedReadModels
    /// The batch's writes (nil: deleted or released).
    private(set) var documents: [DocumentKey: Data?] = [:]
    private(set) var claims: [ClaimKey: String?] = [:]
    /// Rows read but not loaded.
    private(set) var missingDocuments: Set<DocumentKey> = []
    private(set) var missingClaims: Set<ClaimKey> = []

    init(loaded: LoadedReadModels) {
        self.loaded = loaded
    }

    /// Whether this pass read anything that was not loaded.
    var missed: Bool { !missingDocuments.isEmpty || !missingClaims.isEmpty }

    func document(_ model: String, key: String) throws -> Data? {
        let address = DocumentKey(model: model, key: key)
        if let written = documents[address] { return written }
        if let stored = loaded.documents[address] { return stored }
        // PostgreSQL text cannot hold U+0000: such a row cannot exist.
        if !model.utf8.contains(0), !key.utf8.contains(0) { missingDocuments.insert(address) }
        return nil
    }

    func setDocument(_ model: String, key: String, to data: Data?) throws {
        try PostgresStoreError.requireNoNUL(model, "read-model name")
        try PostgresStoreError.requireNoNUL(key, "read-model key")
        documents[DocumentKey(model: model, key: key)] = .some(data)
    }

    func claim(_ kind: String, value: String, owner: String) throws {
        try PostgresStoreError.requireNoNUL(kind, "claim kind")
        try PostgresStoreError.requireNoNUL(value, "claimed value")
        try PostgresStoreError.requireNoNUL(owner, "claim owner")
        let address = ClaimKey(kind: kind, value: value)
        if let holder = holder(of: address), holder != owner {
            throw EventStoreError.claimConflict(kind: kind, value: value, owner: holder)
        }
        claims[address] = .some(owner)
    }

    func release(_ kind: String, value: String, owner: String) throws {
        let address = ClaimKey(kind: kind, value: value)
        if holder(of: address) == owner { claims[address] = .some(nil) }
    }

    private func holder(of address: ClaimKey) -> String? {
        if let written = claims[address] { return written }
        if let stored = loaded.claims[address] { return stored }
        if !address.kind.utf8.contains(0), !address.value.utf8.contains(0) { missingClaims.insert(address) }
        return nil
    }
}
