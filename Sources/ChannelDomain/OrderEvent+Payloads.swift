import EventSourcing
import Foundation

/// A Buy with Prime order was received: its routing facts in clear, its personal fields sealed.
public struct OrderReceived: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "OrderReceived"
    /// The Buy with Prime order id (also the stream's id).
    public let orderId: String
    /// The Buy with Prime target ID (business product) the order was placed through.
    public let targetId: String
    /// The order's aliases.
    public let aliases: [Alias]
    /// The currencies of the order's amounts (ISO 4217 codes).
    public let currencies: [String]
    /// The lines' Amazon SKUs (`amazonSku` values).
    public let skus: [String]
    /// The lines' merchant SKUs (`externalId` values).
    public let externalSkus: [String]
    /// How many lines the order has.
    public let lineCount: Int
    /// The order's total per currency code, as decimal strings (no floating point).
    public let totals: [String: String]
    /// Buy with Prime's id of the customer (`bwpCustomerId`), the key personal fields are sealed under.
    public let customerId: String?
    /// The customer's email domain, lower-case: a routing field, recorded in clear.
    public let emailDomain: String?
    /// The customer's personal fields (name, email), sealed under the customer's own key, so that
    /// forgetting the customer (deleting the key) leaves them unreadable; nil when the order carried none.
    public let personal: SealedPersonalData?

    /// An alias the merchant gave the order: its type (`EXTERNAL_ID`, …) and value.
    public struct Alias: Codable, Sendable, Hashable {
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

    /// Creates the payload; the email domain is lower-cased.
    public init(
        orderId: String, targetId: String, aliases: [Alias] = [], currencies: [String] = [], skus: [String] = [],
        externalSkus: [String] = [], lineCount: Int = 0, totals: [String: String] = [:], customerId: String? = nil,
        emailDomain: String? = nil, personal: SealedPersonalData? = nil
    ) {
        self.init(
            recordedOrderId: orderId, targetId: targetId, aliases: aliases, currencies: currencies, skus: skus,
            externalSkus: externalSkus, lineCount: lineCount, totals: totals, customerId: customerId,
            emailDomain: emailDomain?.lowercased(), personal: personal)
    }

    /// What the association flow reads of this order.
    public var facts: OrderFacts {
        OrderFacts(
            targetId: targetId, aliases: aliases.map(\.aliasId), currencies: currencies, skus: skus,
            externalSkus: externalSkus, emailDomain: emailDomain)
    }
}

/// The order was given its channel, and why.
public struct OrderAssociated: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "OrderAssociated"
    /// The channel the order belongs to.
    public let channelId: UUID
    /// Why: a rule of the flow, a person, or the upgrade.
    public let reason: OrderAssociationReason

    /// Creates the payload.
    public init(channelId: UUID, reason: OrderAssociationReason) {
        self.channelId = channelId
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey { case channelId, reason }

    /// Writes the id in lower case, as every UUID the ledger prints.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channelId.uuidString.lowercased(), forKey: .channelId)
        try container.encode(reason, forKey: .reason)
    }
}

/// The order moved from one channel to another, and why.
public struct OrderReassociated: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "OrderReassociated"
    /// The channel the order left.
    public let from: UUID
    /// The channel the order belongs to from now on.
    public let to: UUID
    /// Why it moved.
    public let reason: OrderAssociationReason

    /// Creates the payload.
    public init(from: UUID, to: UUID, reason: OrderAssociationReason) {
        self.from = from
        self.to = to
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey { case from, to, reason }

    /// Writes the ids in lower case, as every UUID the ledger prints.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from.uuidString.lowercased(), forKey: .from)
        try container.encode(to.uuidString.lowercased(), forKey: .to)
        try container.encode(reason, forKey: .reason)
    }
}

/// Buy with Prime sent a later event about the order (a package, a return, a cancellation…).
public struct OrderEventReceived: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "OrderEventReceived"
    /// Buy with Prime's event type, e.g. `PACKAGE_SHIPPED`.
    public let eventType: String
    /// Buy with Prime's id of the event; an id already recorded is not recorded again.
    public let eventId: String

    /// Creates the payload.
    public init(eventType: String, eventId: String) {
        self.eventType = eventType
        self.eventId = eventId
    }
}
