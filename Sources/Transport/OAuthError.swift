/// The error body of an OAuth 2.0 token endpoint (RFC 6749 §5.2), as both services send it.
///
/// Salesforce: `{"error": "invalid_client", "error_description": "invalid client credentials"}`.
/// Buy with Prime's token endpoint is assumed to follow the same standard shape (unconfirmed).
public struct OAuthError: Codable, Sendable, Equatable {
    /// The error code, e.g. `invalid_client`, `invalid_grant`.
    public var error: String
    /// A human-readable explanation; optional in the standard.
    public var errorDescription: String?

    /// Creates a token endpoint error.
    public init(error: String, errorDescription: String? = nil) {
        self.error = error
        self.errorDescription = errorDescription
    }

    private enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
    }

    /// Whether the code means the service failed or throttled rather than refused
    /// (`server_error`, `temporarily_unavailable`, Salesforce's `rate_limit_exceeded`).
    public var isUnavailable: Bool {
        ["server_error", "temporarily_unavailable", "rate_limit_exceeded"].contains(error)
    }

    /// The transport error this answer means from `service`: unavailable or a rejection coded `error`.
    public func transportError(for service: Service) -> TransportError {
        let message = errorDescription ?? error
        if isUnavailable {
            return .unavailable(service: service, reason: "\(error): \(message)")
        }
        return .rejected(service: service, code: error, message: message)
    }
}
