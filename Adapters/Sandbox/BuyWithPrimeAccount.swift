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

extension BuyWithPrimeAccount: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The account without its secret, so printing one (a test's argument, a log line) never
    /// shows the credential, even the sandbox's public fixture.
    public var description: String {
        "\(name) (client ID \(clientId), target ID \(targetId), secret redacted)"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// Every field but the secret, for `dump` and anything else that walks a `Mirror`.
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "clientId": clientId, "targetId": targetId], displayStyle: .struct)
    }
}
