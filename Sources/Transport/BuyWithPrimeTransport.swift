/// The port to the Buy with Prime API.
public protocol BuyWithPrimeTransport: Sendable {
    /// Exchanges an account's API credentials for a token and checks that it may act on `targetID`.
    ///
    /// Throws `TransportError.rejected` for wrong credentials (`invalid_client`) or a target the
    /// client may not use (`AccessDeniedError`), `TransportError.unavailable` when the service
    /// cannot be reached or fails.
    func authorize(clientID: String, clientSecret: Secret, targetID: String) async throws -> BuyWithPrimeAuthorization
}
