import Foundation
import PostgresNIO

/// Which read-model rows a projection pass reads: the live models readers query, or one
/// projection's staging area during a rebuild (tables `staged_documents`, `staged_claims`).
enum ReadModelArea: Sendable, Equatable {
    /// The live read models (tables `documents`, `claims`).
    case live
    /// The staging area of the projection of this name.
    case staged(projection: String)

    /// The stored documents among `addresses`, as rows of model, key and data.
    func documentsQuery(_ addresses: [DocumentKey]) throws -> PostgresQuery {
        let (models, keys) = (addresses.map(\.model), addresses.map(\.key))
        switch self {
        case .live:
            return try .sql(
                """
                SELECT d.model, d.key, d.data FROM documents d
                JOIN unnest($1::text[], $2::text[]) AS r(model, key) ON d.model = r.model AND d.key = r.key
                """, models, keys)
        case .staged(let projection):
            return try .sql(
                """
                SELECT d.model, d.key, d.data FROM staged_documents d
                JOIN unnest($1::text[], $2::text[]) AS r(model, key) ON d.model = r.model AND d.key = r.key
                WHERE d.projection = $3
                """, models, keys, projection)
        }
    }

    /// The held claims among `addresses`, as rows of kind, value and owner.
    func claimsQuery(_ addresses: [ClaimKey]) throws -> PostgresQuery {
        let (kinds, values) = (addresses.map(\.kind), addresses.map(\.value))
        switch self {
        case .live:
            return try .sql(
                """
                SELECT c.kind, c.value, c.owner FROM claims c
                JOIN unnest($1::text[], $2::text[]) AS r(kind, value) ON c.kind = r.kind AND c.value = r.value
                """, kinds, values)
        case .staged(let projection):
            return try .sql(
                """
                SELECT c.kind, c.value, c.owner FROM staged_claims c
                JOIN unnest($1::text[], $2::text[]) AS r(kind, value) ON c.kind = r.kind AND c.value = r.value
                WHERE c.projection = $3
                """, kinds, values, projection)
        }
    }
}
