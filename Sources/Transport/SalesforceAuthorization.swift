/// The answer to a successful Salesforce client-credentials authorization of the connected app.
public struct SalesforceAuthorization: Sendable {
    /// The bearer token (`access_token`) for REST calls.
    public var accessToken: Secret
    /// The org's base URL for REST calls (`instance_url`), e.g. `https://example.my.salesforce.com`.
    public var instanceURL: String
    /// When the token was issued (`issued_at`): milliseconds since the Unix epoch, as Salesforce sends it.
    public var issuedAt: String

    /// Creates an authorization.
    public init(accessToken: Secret, instanceURL: String, issuedAt: String) {
        self.accessToken = accessToken
        self.instanceURL = instanceURL
        self.issuedAt = issuedAt
    }
}
