/// What a call to Buy with Prime acts as: one account's API credentials and where its API lives.
public struct BuyWithPrimeCredentials: Sendable, Equatable {
    /// The account's client ID.
    public var clientID: String
    /// The account's client secret; revealed only where a token is asked for.
    public var clientSecret: Secret
    /// The account's Target ID (business product id), sent as `x-api-target-id`.
    public var targetID: String
    /// The API's base URL recorded for the channel, or nil for the transport's default.
    public var endpoint: String?

    /// Credentials for one account.
    public init(clientID: String, clientSecret: Secret, targetID: String, endpoint: String? = nil) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.targetID = targetID
        self.endpoint = endpoint
    }
}
