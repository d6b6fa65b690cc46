/// Which API endpoint a path belongs to; the `/_sandbox/` routes belong to none.
enum APIRoute: Sendable, Equatable {
    /// `POST /token`.
    case buyWithPrimeToken
    /// `POST /graphql`, and any other path outside `/services/` (Buy with Prime's endpoint is the root).
    case buyWithPrimeGraphQL
    /// `POST /services/oauth2/token`.
    case salesforceToken
    /// `/services/data/…` and any other path under `/services/`.
    case salesforceREST

    /// The route of `path`, or nil for the sandbox's own routes.
    init?(path: String) {
        if path == "/_sandbox" || path.hasPrefix("/_sandbox/") { return nil }
        if path == "/token" {
            self = .buyWithPrimeToken
        } else if path == "/services/oauth2/token" {
            self = .salesforceToken
        } else if path.hasPrefix("/services/") {
            self = .salesforceREST
        } else {
            self = .buyWithPrimeGraphQL
        }
    }

    /// The API it belongs to.
    var api: RequestLog.API {
        switch self {
        case .buyWithPrimeToken, .buyWithPrimeGraphQL: .buyWithPrime
        case .salesforceToken, .salesforceREST: .salesforce
        }
    }

    /// Whether it is an OAuth token endpoint (its errors are `{"error", "error_description"}`).
    var isToken: Bool { self == .buyWithPrimeToken || self == .salesforceToken }
}
