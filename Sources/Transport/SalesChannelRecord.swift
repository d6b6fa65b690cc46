/// The fields of a Salesforce `SalesChannel` the ledger writes.
public struct SalesChannelFields: Sendable, Equatable, Codable {
    /// `SalesChannelName`: the channel's name in the ledger.
    public var salesChannelName: String
    /// `Type`: `B2C` for a Buy with Prime store.
    public var type: String
    /// `ExternalChannelNumber`: the account's Target ID.
    public var externalChannelNumber: String

    /// The fields of a channel.
    public init(salesChannelName: String, type: String = "B2C", externalChannelNumber: String) {
        self.salesChannelName = salesChannelName
        self.type = type
        self.externalChannelNumber = externalChannelNumber
    }
}

/// A `SalesChannel` found in the org: its Salesforce id and fields.
public struct SalesChannelRecord: Sendable, Equatable, Codable {
    /// The record's Salesforce id.
    public var id: String
    /// Its fields.
    public var fields: SalesChannelFields

    /// A record.
    public init(id: String, fields: SalesChannelFields) {
        self.id = id
        self.fields = fields
    }
}
