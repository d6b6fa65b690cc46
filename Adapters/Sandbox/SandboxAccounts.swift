/// The sandbox's demo accounts: one Salesforce org and several Buy with Prime accounts.
///
/// JSON: `{"salesforce": {"consumerKey", "consumerSecret", "myDomain"},
/// "buyWithPrime": [{"name", "clientId", "clientSecret", "targetId"}],
/// "webhook": {"subscription", "username", "password"}}` (`webhook` optional).
public struct SandboxAccounts: Codable, Sendable, Equatable {
    /// The connected app of the demo org.
    public var salesforce: SalesforceAccount
    /// The Buy with Prime accounts, one per sales channel.
    public var buyWithPrime: [BuyWithPrimeAccount]
    /// The webhook subscription the demo's deliveries name, with its auth profile's basic credentials.
    public var webhook: WebhookAccount?

    /// Creates a set of accounts.
    public init(
        salesforce: SalesforceAccount, buyWithPrime: [BuyWithPrimeAccount], webhook: WebhookAccount? = nil
    ) {
        self.salesforce = salesforce
        self.buyWithPrime = buyWithPrime
        self.webhook = webhook
    }

    /// The Buy with Prime account with this name, if any.
    public func buyWithPrimeAccount(named name: String) -> BuyWithPrimeAccount? {
        buyWithPrime.first { $0.name == name }
    }

    private enum CodingKeys: String, CodingKey {
        case salesforce
        case buyWithPrime
        case webhook
    }
}

/// A Buy with Prime webhook subscription and the HTTP basic credentials of its auth profile.
public struct WebhookAccount: Codable, Sendable, Equatable {
    /// The subscription's name: the last segment of its webhook URL.
    public var subscription: String
    /// The auth profile's username.
    public var username: String
    /// The auth profile's password (a public fixture for the demo subscription).
    public var password: String

    /// A subscription's credentials.
    public init(subscription: String, username: String, password: String) {
        self.subscription = subscription
        self.username = username
        self.password = password
    }
}
