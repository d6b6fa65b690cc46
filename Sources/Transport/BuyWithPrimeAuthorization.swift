/// The answer to a successful Buy with Prime authorization: a short-lived token for one target.
public struct BuyWithPrimeAuthorization: Sendable {
    /// The bearer token for GraphQL calls; opaque, never derived from the client secret.
    public var accessToken: Secret
    /// Seconds until the token expires (Buy with Prime tokens last 900 seconds, 15 minutes).
    public var expiresIn: Int
    /// The Target ID (business product id) the token was checked against; sent as `x-api-target-id`.
    public var targetID: String

    /// Creates an authorization.
    public init(accessToken: Secret, expiresIn: Int, targetID: String) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.targetID = targetID
    }
}
