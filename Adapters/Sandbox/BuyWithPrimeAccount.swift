/// A Buy with Prime account's API credentials as the sandbox knows them.
public struct BuyWithPrimeAccount: Codable, Sendable, Equatable {
    /// A name for people, e.g. `US Storefront`; a natural sales channel name.
    public var name: String
    /// The API credentials' Client ID.
    public var clientId: String
    /// The API credentials' Client Secret; a public fixture in the sandbox.
    public var clientSecret: String
    /// The Target ID (business product id) the credentials belong to.
    public var targetId: String

    /// Creates an account.
    public init(name: String, clientId: String, clientSecret: String, targetId: String) {
        self.name = name
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.targetId = targetId
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case clientId
        case clientSecret
        case targetId
    }
}
