/// The port to the Buy with Prime API. A transport implements the operations its descriptor's
/// `capabilities` list; the others throw ``TransportError/unsupported(service:operation:)``.
public protocol BuyWithPrimeTransport: Sendable {
    /// Exchanges an account's API credentials for a token and checks that it may act on its target.
    ///
    /// Throws `TransportError.rejected` for wrong credentials (`invalid_client`) or a target the
    /// client may not use (`AccessDeniedError`), `TransportError.unavailable` when the service
    /// cannot be reached or fails.
    func authorize(_ account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeAuthorization

    /// Fetches one order (the GraphQL `order` query) as the account.
    ///
    /// Throws `TransportError.notFound` when the service has no such order (yet),
    /// `.rejected` when it refuses the account, `.throttled` or `.unavailable` when a retry may
    /// succeed, `.malformedAnswer` when the answer cannot be read.
    func order(_ lookup: OrderLookup, as account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeOrder
}

extension BuyWithPrimeTransport {
    /// Authorizes an account at the transport's default endpoint.
    public func authorize(clientID: String, clientSecret: Secret, targetID: String) async throws
        -> BuyWithPrimeAuthorization
    {
        try await authorize(BuyWithPrimeCredentials(clientID: clientID, clientSecret: clientSecret, targetID: targetID))
    }

    /// Not supported unless the transport implements it.
    public func order(_ lookup: OrderLookup, as account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeOrder {
        throw TransportError.unsupported(service: .buyWithPrime, operation: TransportOperation.fetchOrder.rawValue)
    }

    /// Fetches an order by its Buy with Prime id.
    public func order(id: String, as account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeOrder {
        try await order(.id(id), as: account)
    }

    /// Fetches an order by one of its aliases.
    public func order(alias: OrderAlias, as account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeOrder {
        try await order(.alias(alias), as: account)
    }
}
