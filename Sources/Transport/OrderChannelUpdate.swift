/// One order whose channel is to be set in Salesforce: found by its Buy with Prime order id in the
/// external-id field, then updated by its Salesforce id; never created (the managed package does that).
public struct OrderChannelUpdate: Sendable, Equatable {
    /// The Buy with Prime order id, as the external-id field holds it.
    public var orderID: String
    /// The Salesforce id of the `SalesChannel` the order belongs to.
    public var salesChannelID: String

    /// An update.
    public init(orderID: String, salesChannelID: String) {
        self.orderID = orderID
        self.salesChannelID = salesChannelID
    }
}

/// Which `Order` fields hold the Buy with Prime order id and the channel (ledger settings: the
/// managed package's field for the channel is unconfirmed).
public struct OrderChannelFields: Sendable, Equatable {
    /// The external-id field, e.g. `Amazon_bwp_oms__amazonBwpOrderID__c`.
    public var externalIDField: String
    /// The field that references the `SalesChannel`, e.g. `SalesChannelId`.
    public var channelField: String

    /// The two fields.
    public init(externalIDField: String, channelField: String) {
        self.externalIDField = externalIDField
        self.channelField = channelField
    }
}

/// What became of one order of a batch: a batch fails only as a whole call, never for one order.
public enum OrderChannelResult: Sendable, Equatable {
    /// Updated; the order's Salesforce id.
    case updated(orderID: String, salesforceID: String)
    /// No `Order` has this id yet (the managed package has not created it): try again later.
    case notFound(orderID: String)
    /// Salesforce refused this order's update: its error code and message.
    case failed(orderID: String, code: String, message: String)
}
