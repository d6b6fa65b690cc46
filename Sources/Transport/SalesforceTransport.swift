/// The port to the Salesforce org that runs Order Management.
public protocol SalesforceTransport: Sendable {
    /// Authorizes the connected app with the client-credentials flow against `myDomain` (normalized `https://host`).
    ///
    /// Throws `TransportError.rejected` when the token endpoint refuses (`invalid_client`, …),
    /// `TransportError.unavailable` when the org cannot be reached or fails.
    func authorize(consumerKey: String, consumerSecret: Secret, myDomain: String) async throws
        -> SalesforceAuthorization
}
