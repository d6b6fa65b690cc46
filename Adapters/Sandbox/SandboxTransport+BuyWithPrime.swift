import Transport

extension SandboxTransport {
    /// How long sandbox Buy with Prime tokens last, in seconds: 15 minutes, as the real ones.
    public static let buyWithPrimeTokenLifetime = 900

    /// Authorizes a demo Buy with Prime account, answering as the token endpoint and GraphQL API would.
    ///
    /// An unknown client id or a wrong secret gets the OAuth `invalid_client` rejection; valid
    /// credentials with an unknown target ID, or another account's, get a GraphQL `AccessDeniedError`
    /// naming the target ID.
    public func authorize(_ account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeAuthorization {
        let (clientID, clientSecret, targetID) = (account.clientID, account.clientSecret, account.targetID)
        try checkAvailable(.buyWithPrime)
        let account = Self.accounts.buyWithPrime.first { $0.clientId == clientID }
        // Compare against a stand-in when the client id is unknown, so both paths take the same time.
        let secretMatches = clientSecret == Secret(account?.clientSecret ?? "sandbox-unknown-client")
        guard let account, secretMatches else {
            throw OAuthError(error: "invalid_client", errorDescription: "Client authentication failed")
                .transportError(for: .buyWithPrime)
        }
        guard targetID == account.targetId else {
            throw BuyWithPrimeGraphQLError(
                message: "You don't have sufficient access to target ID '\(targetID)'.",
                extensions: .init(errorType: "AccessDeniedError")
            ).transportError
        }
        return BuyWithPrimeAuthorization(
            accessToken: SandboxToken.issue(), expiresIn: Self.buyWithPrimeTokenLifetime, targetID: targetID)
    }

    /// The seeded orders of every demo account (``SandboxOrders``), by Target ID.
    public static let orders = SandboxOrders.seeded(for: accounts)

    /// Fetches one of the account's seeded orders, by id or alias, after checking the credentials
    /// as ``authorize(_:)`` does; an order of another account, or none, is `notFound`.
    public func order(_ lookup: OrderLookup, as account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeOrder {
        _ = try await authorize(account)
        let orders = Self.orders[account.targetID] ?? []
        let found: BuyWithPrimeOrder? =
            switch lookup {
            case .id(let id): orders.first { $0.id == id }
            case .alias(let alias): orders.first { $0.aliases.contains(alias) }
            }
        guard let found else {
            let what: String =
                switch lookup {
                case .id(let id): "order \(id)"
                case .alias(let alias): "order with alias \(alias.aliasType) \(alias.aliasId)"
                }
            throw TransportError.notFound(service: .buyWithPrime, what: what)
        }
        return found
    }
}
