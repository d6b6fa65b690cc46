/// How an order is asked for: by its Buy with Prime id, or by one of its aliases.
public enum OrderLookup: Sendable, Equatable {
    /// The Buy with Prime order id, e.g. `322-ABC1-AAAAAA`.
    case id(String)
    /// An alias the merchant gave the order.
    case alias(OrderAlias)
}

/// An order's alias: its type (`EXTERNAL_ID`, …) and value.
public struct OrderAlias: Sendable, Equatable, Hashable, Codable {
    /// The alias type, e.g. `EXTERNAL_ID`.
    public var aliasType: String
    /// The alias value.
    public var aliasId: String

    /// An alias.
    public init(aliasType: String, aliasId: String) {
        self.aliasType = aliasType
        self.aliasId = aliasId
    }
}
