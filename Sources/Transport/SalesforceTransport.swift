/// The port to the Salesforce org that runs Order Management. A transport implements the
/// operations its descriptor's `capabilities` list; the others throw
/// ``TransportError/unsupported(service:operation:)``.
public protocol SalesforceTransport: Sendable {
    /// Authorizes the connected app with the client-credentials flow against the org's My Domain.
    ///
    /// Throws `TransportError.rejected` when the token endpoint refuses (`invalid_client`, …),
    /// `TransportError.unavailable` when the org cannot be reached or fails.
    func authorize(_ org: SalesforceOrg) async throws -> SalesforceAuthorization

    /// The `SalesChannel` whose `ExternalChannelNumber` is `externalChannelNumber` (a query: the
    /// field need not be an external-id field), or nil when the org has none.
    func findSalesChannel(externalChannelNumber: String, in org: SalesforceOrg) async throws -> SalesChannelRecord?

    /// Creates a `SalesChannel`; returns its Salesforce id.
    func createSalesChannel(_ fields: SalesChannelFields, in org: SalesforceOrg) async throws -> String

    /// Updates the `SalesChannel` with this Salesforce id.
    func updateSalesChannel(id: String, _ fields: SalesChannelFields, in org: SalesforceOrg) async throws

    /// Sets the channel of a batch of orders: one query for their Salesforce ids by the external-id
    /// field, then one composite request (`allOrNone: false`) of updates by id; never an upsert, which
    /// would create a missing order. Returns one result per update, in order: an order not found
    /// yet is a result, not a failure of the batch.
    func setOrdersChannel(_ updates: [OrderChannelUpdate], fields: OrderChannelFields, in org: SalesforceOrg)
        async throws -> [OrderChannelResult]
}

extension SalesforceTransport {
    /// Authorizes the connected app against `myDomain` (normalized `https://host`).
    public func authorize(consumerKey: String, consumerSecret: Secret, myDomain: String) async throws
        -> SalesforceAuthorization
    {
        try await authorize(SalesforceOrg(consumerKey: consumerKey, consumerSecret: consumerSecret, myDomain: myDomain))
    }

    /// Not supported unless the transport implements it.
    public func findSalesChannel(externalChannelNumber: String, in org: SalesforceOrg) async throws
        -> SalesChannelRecord?
    {
        throw Self.unsupported(.findSalesChannel)
    }

    /// Not supported unless the transport implements it.
    public func createSalesChannel(_ fields: SalesChannelFields, in org: SalesforceOrg) async throws -> String {
        throw Self.unsupported(.createSalesChannel)
    }

    /// Not supported unless the transport implements it.
    public func updateSalesChannel(id: String, _ fields: SalesChannelFields, in org: SalesforceOrg) async throws {
        throw Self.unsupported(.updateSalesChannel)
    }

    /// Not supported unless the transport implements it.
    public func setOrdersChannel(_ updates: [OrderChannelUpdate], fields: OrderChannelFields, in org: SalesforceOrg)
        async throws -> [OrderChannelResult]
    {
        throw Self.unsupported(.setOrdersChannel)
    }

    private static func unsupported(_ operation: TransportOperation) -> TransportError {
        .unsupported(service: .salesforce, operation: operation.rawValue)
    }
}
