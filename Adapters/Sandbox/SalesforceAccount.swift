/// A Salesforce org's connected app as the sandbox knows it.
public struct SalesforceAccount: Codable, Sendable, Equatable {
    /// The connected app's consumer key (OAuth `client_id`).
    public var consumerKey: String
    /// The connected app's consumer secret (OAuth `client_secret`); a public fixture in the sandbox.
    public var consumerSecret: String
    /// The org's My Domain URL, normalized as `https://host`.
    public var myDomain: String

    /// Creates an account.
    public init(consumerKey: String, consumerSecret: String, myDomain: String) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.myDomain = myDomain
    }

    private enum CodingKeys: String, CodingKey {
        case consumerKey
        case consumerSecret
        case myDomain
    }
}

extension SalesforceAccount: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The connected app without its secret, so printing one never shows the credential.
    public var description: String {
        "\(myDomain) (consumer key \(consumerKey), secret redacted)"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// Every field but the secret, for `dump` and anything else that walks a `Mirror`.
    public var customMirror: Mirror {
        Mirror(self, children: ["consumerKey": consumerKey, "myDomain": myDomain], displayStyle: .struct)
    }
}
