import EventSourcing
import Foundation
import PostgresNIO

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

/// The read models as projections see them during one batch (an append, or a rebuild's batch in
/// a staging area): loaded rows overlaid with the batch's own writes.
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

    /// The batch's writes, split into rows to remove and rows to store (disjoint: each address's final state).
    var changes: ReadModelChanges {
        var changes = ReadModelChanges()
        for (address, data) in documents {
            if let data {
                changes.storedDocuments.append((address, data))
            } else {
                changes.removedDocuments.append(address)
            }
        }
        for (address, owner) in claims {
            if let owner {
                changes.storedClaims.append((address, owner))
            } else {
                changes.removedClaims.append(address)
            }
        }
        return changes
    }

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

extension StagedReadModels {
    /// Applies each projection to the batch in passes over the rows of `area` until one reads only
    /// loaded rows; nil when no projection handles any of the events.
    static func project(
        _ records: [RecordedEvent], _ projections: [any Projection], in area: ReadModelArea,
        on connection: PostgresConnection
    ) async throws -> StagedReadModels? {
        guard records.contains(where: { record in projections.contains { $0.handles(record.type) } }) else {
            return nil
        }
        var loaded = LoadedReadModels()
        while true {
            let staged = StagedReadModels(loaded: loaded)
            var failure: (any Error)?
            do {
                for projection in projections { try projection.apply(records, to: staged) }
            } catch {
                failure = error
            }
            guard staged.missed else {
                if let failure { throw failure }
                return staged
            }
            try await load(staged.missingDocuments, staged.missingClaims, of: area, on: connection, into: &loaded)
        }
    }

    /// Fetches missed rows, recording absent ones as nil so they are never missed again.
    private static func load(
        _ documents: Set<DocumentKey>, _ claims: Set<ClaimKey>, of area: ReadModelArea,
        on connection: PostgresConnection, into loaded: inout LoadedReadModels
    ) async throws {
        let (documents, claims) = (Array(documents), Array(claims))
        for address in documents { loaded.documents[address] = .some(nil) }
        for address in claims { loaded.claims[address] = .some(nil) }
        if !documents.isEmpty {
            for row in try await connection.fetch(area.documentsQuery(documents)) {
                let (model, key, data) = try row.decode((String, String, Data).self)
                loaded.documents[DocumentKey(model: model, key: key)] = .some(data)
            }
        }
        if !claims.isEmpty {
            for row in try await connection.fetch(area.claimsQuery(claims)) {
                let (kind, value, owner) = try row.decode((String, String, String).self)
                loaded.claims[ClaimKey(kind: kind, value: value)] = .some(owner)
            }
        }
    }
}

/// A batch's read-model writes as rows to remove and rows to store, ready to bind as arrays.
struct ReadModelChanges {
    var removedDocuments: [DocumentKey] = []
    var storedDocuments: [(DocumentKey, Data)] = []
    var removedClaims: [ClaimKey] = []
    var storedClaims: [(ClaimKey, String)] = []

    /// Whether the batch changes no read-model row.
    var isEmpty: Bool {
        removedDocuments.isEmpty && storedDocuments.isEmpty && removedClaims.isEmpty && storedClaims.isEmpty
    }
}
