/// What a call to Salesforce acts as: the connected app's credentials and the org's My Domain.
public struct SalesforceOrg: Sendable, Equatable {
    /// The connected app's consumer key.
    public var consumerKey: String
    /// The connected app's consumer secret; revealed only where a token is asked for.
    public var consumerSecret: Secret
    /// The org's My Domain, `https://host`: the token endpoint's base.
    public var myDomain: String
    /// The REST API version, e.g. `62.0` (a ledger setting).
    public var apiVersion: String

    /// An org reached through a connected app.
    public init(consumerKey: String, consumerSecret: Secret, myDomain: String, apiVersion: String) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.myDomain = myDomain
        self.apiVersion = apiVersion
    }
}
