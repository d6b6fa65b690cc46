import EventSourcing
import Foundation

/// The documents of some read models and the owners of some claimed values, read through the
/// public queries: what a rebuild must reproduce byte for byte.
public struct ReadModelCapture: Equatable, Sendable {
    /// Every document of each model, ordered by key.
    public var documents: [String: [ReadModelDocument]] = [:]
    /// The owner of each value asked about, by claim kind (nil: unclaimed).
    public var claims: [String: [String: String?]] = [:]

    /// Reads the given models whole and the owners of the given values of each claim kind.
    public init(of reader: any ReadModelReader, models: [String], claims: [String: [String]]) async throws {
        for model in models { documents[model] = try await reader.documents(model) }
        for (kind, values) in claims {
            var owners: [String: String?] = [:]
            for value in values { owners[value] = .some(try await reader.claimOwner(kind, value: value)) }
            self.claims[kind] = owners
        }
    }

    /// How many claimed values have an owner.
    public var claimedCount: Int { claims.values.reduce(0) { $0 + $1.values.filter { $0 != nil }.count } }
}
