/// What a call to Buy with Prime acts as: one account's API credentials, where its API lives and
/// how the call is made (the API version and timeout are ledger settings).
public struct BuyWithPrimeCredentials: Sendable, Equatable {
    /// The API version sent as `x-api-version` unless a setting names another.
    public static let defaultAPIVersion = "2024-11-01"

    /// The account's client ID.
    public var clientID: String
    /// The account's client secret; revealed only where a token is asked for.
    public var clientSecret: Secret
    /// The account's Target ID (business product id), sent as `x-api-target-id`.
    public var targetID: String
    /// The API's base URL recorded for the channel, or nil for the transport's default.
    public var endpoint: String?
    /// The `x-api-version` of GraphQL calls.
    public var apiVersion: String
    /// How long one request may take.
    public var requestTimeout: Duration

    /// Credentials for one account.
    public init(
        clientID: String, clientSecret: Secret, targetID: String, endpoint: String? = nil,
        apiVersion: String = defaultAPIVersion, requestTimeout: Duration = .seconds(30)
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.targetID = targetID
        self.endpoint = endpoint
        self.apiVersion = apiVersion
        self.requestTimeout = requestTimeout
    }
}
