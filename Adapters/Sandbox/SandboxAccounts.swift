/// The sandbox's demo accounts: one Salesforce org and several Buy with Prime accounts.
///
/// JSON: `{"salesforce": {"consumerKey", "consumerSecret", "myDomain"},
/// "buyWithPrime": [{"name", "clientId", "clientSecret", "targetId"}]}`.
public struct SandboxAccounts: Codable, Sendable, Equatable {
    /// The connected app of the demo org.
    public var salesforce: SalesforceAccount
    /// The Buy with Prime accounts, one per sales channel.
    public var buyWithPrime: [BuyWithPrimeAccount]

    /// Creates a set of accounts.
    public init(salesforce: SalesforceAccount, buyWithPrime: [BuyWithPrimeAccount]) {
        self.salesforce = salesforce
        self.buyWithPrime = buyWithPrime
    }

    /// The Buy with Prime account with this name, if any.
    public func buyWithPrimeAccount(named name: String) -> BuyWithPrimeAccount? {
        buyWithPrime.first { $0.name == name }
    }

    private enum CodingKeys: String, CodingKey {
        case salesforce
        case buyWithPrime
    }
}
