import Transport

/// A GraphQL request body: `{"query", "variables"}`.
struct GraphQLRequest: Encodable, Sendable {
    var query: String
    var variables: OrderQuery.Variables?
}

/// A GraphQL response: `{"data", "errors"}`; a non-empty `errors` is a failure even in a 200.
struct GraphQLResponse<Data: Decodable>: Decodable {
    var data: Data?
    var errors: [BuyWithPrimeGraphQLError]?
}

/// The errors of a response alone, for reading them whatever `data` holds.
struct GraphQLErrors: Decodable {
    var errors: [BuyWithPrimeGraphQLError]?
}

/// `{"data": {"__typename": "Query"}}`, the answer to authorize's probe.
struct TypenameData: Decodable {}
