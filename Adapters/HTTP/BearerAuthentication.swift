import Transport

/// Where a call's bearer token comes from, and whether and how it is renewed when refused.
public struct BearerAuthentication: Sendable {
    /// The token to send (usually from a ``TokenCache``).
    public var token: @Sendable () async throws -> Secret
    /// Whether an answer says the token is no longer valid (Salesforce's 401 `INVALID_SESSION_ID`).
    public var isExpiredSession: @Sendable (HTTPAnswer) -> Bool
    /// Authenticates again after `rejected` was refused and returns the new token; nil when a
    /// refused token is final (Buy with Prime's tokens are refreshed by their expiry instead).
    public var renew: (@Sendable (_ rejected: Secret) async throws -> Secret)?

    /// A token source.
    public init(
        token: @escaping @Sendable () async throws -> Secret,
        isExpiredSession: @escaping @Sendable (HTTPAnswer) -> Bool = { _ in false },
        renew: (@Sendable (_ rejected: Secret) async throws -> Secret)? = nil
    ) {
        self.token = token
        self.isExpiredSession = isExpiredSession
        self.renew = renew
    }
}
