/// One operation a transport can carry out; a transport declares the ones it supports.
public enum TransportOperation: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Buy with Prime: exchange an account's credentials for a token.
    case authorizeAccount = "buy-with-prime.authorize"
    /// Buy with Prime: fetch one order by id or alias.
    case fetchOrder = "buy-with-prime.order"
    /// Salesforce: authorize the connected app.
    case authorizeConnectedApp = "salesforce.authorize"
    /// Salesforce: find a `SalesChannel` by its `ExternalChannelNumber`.
    case findSalesChannel = "salesforce.find-sales-channel"
    /// Salesforce: create a `SalesChannel`.
    case createSalesChannel = "salesforce.create-sales-channel"
    /// Salesforce: update a `SalesChannel` by its id.
    case updateSalesChannel = "salesforce.update-sales-channel"
    /// Salesforce: set the channel of a batch of orders.
    case setOrdersChannel = "salesforce.set-orders-channel"

    /// The service the operation talks to.
    public var service: Service {
        switch self {
        case .authorizeAccount, .fetchOrder: .buyWithPrime
        case .authorizeConnectedApp, .findSalesChannel, .createSalesChannel, .updateSalesChannel, .setOrdersChannel:
            .salesforce
        }
    }

    /// Orders operations as `allCases` lists them.
    public static func < (lhs: TransportOperation, rhs: TransportOperation) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
