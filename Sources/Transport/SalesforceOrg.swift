/// What a call to Salesforce acts as: the connected app's credentials, the org's My Domain and how
/// the call is made (the API version and timeout are ledger settings).
public struct SalesforceOrg: Sendable, Equatable {
    /// The REST API version used unless a setting names another.
    public static let defaultAPIVersion = "62.0"

    /// The connected app's consumer key.
    public var consumerKey: String
    /// The connected app's consumer secret; revealed only where a token is asked for.
    public var consumerSecret: Secret
    /// The org's My Domain, `https://host` (or `http://` on loopback): the token endpoint's base.
    public var myDomain: String
    /// The REST API version, e.g. `62.0`.
    public var apiVersion: String
    /// How long one request may take.
    public var requestTimeout: Duration

    /// An org reached through a connected app.
    public init(
        consumerKey: String, consumerSecret: Secret, myDomain: String, apiVersion: String = defaultAPIVersion,
        requestTimeout: Duration = .seconds(30)
    ) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.myDomain = myDomain
        self.apiVersion = apiVersion
        self.requestTimeout = requestTimeout
    }
}
