import EventSourcing
import Foundation

/// The channel was written to the Salesforce org as a `SalesChannel`: created, found by its
/// `ExternalChannelNumber`, or updated by its id. Recorded by the publisher.
public struct SalesChannelPublished: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "SalesChannelPublished"
    /// The `SalesChannel` record's Salesforce id.
    public let salesforceId: String
    /// The `SalesChannelName` written: the channel's name then.
    public let name: String
    /// The `ExternalChannelNumber` written: the target ID in force then.
    public let targetId: String

    /// Creates the payload.
    public init(salesforceId: String, name: String, targetId: String) {
        self.salesforceId = salesforceId
        self.name = name
        self.targetId = targetId
    }
}

/// The order's channel was written to its `Order` record in the org. Recorded by the publisher.
public struct OrderPublished: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "OrderPublished"
    /// The `Order` record's Salesforce id.
    public let salesforceId: String
    /// The channel written (the ledger's id; the org got its `SalesChannel` id).
    public let channelId: UUID

    /// Creates the payload.
    public init(salesforceId: String, channelId: UUID) {
        self.salesforceId = salesforceId
        self.channelId = channelId
    }

    private enum CodingKeys: String, CodingKey { case salesforceId, channelId }

    /// Writes the id in lower case, as every UUID the ledger prints.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(salesforceId, forKey: .salesforceId)
        try container.encode(channelId.uuidString.lowercased(), forKey: .channelId)
    }
}

/// The org never took the order's channel: the publisher's attempts ran out (the order was not in
/// the org, or the org refused the update, each time), or a retry asked for by
/// `publish --retry-failed` failed for another reason. The order is no longer retried on its own;
/// a later `OrderPublished` or a move to another channel ends the failure.
public struct OrderPublishFailed: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "OrderPublishFailed"
    /// The channel that could not be written (the ledger's id).
    public let channelId: UUID
    /// How many attempts failed.
    public let attempts: Int
    /// Why the last one failed: `not in the org yet`, or the org's error code and message.
    public let reason: String

    /// Creates the payload.
    public init(channelId: UUID, attempts: Int, reason: String) {
        self.channelId = channelId
        self.attempts = attempts
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey { case channelId, attempts, reason }

    /// Writes the id in lower case, as every UUID the ledger prints.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channelId.uuidString.lowercased(), forKey: .channelId)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(reason, forKey: .reason)
    }
}

/// What the org holds of a channel, as its last `SalesChannelPublished` wrote it.
public struct PublishedChannel: Codable, Sendable, Equatable {
    /// The `SalesChannel` record's Salesforce id.
    public var salesforceId: String
    /// The name written.
    public var name: String
    /// The target ID written.
    public var targetId: String

    /// Creates the facts.
    public init(salesforceId: String, name: String, targetId: String) {
        self.salesforceId = salesforceId
        self.name = name
        self.targetId = targetId
    }
}
