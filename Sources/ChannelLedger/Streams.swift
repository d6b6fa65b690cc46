import EventSourcing
import Foundation

/// The streams of ChannelLedger (ARCHITECTURE.md section 4).
public enum Streams {
    /// The Salesforce connected app.
    public static let connectedApp = try! StreamName("connected-app")
    /// Installation facts: store id, key check, schema.
    public static let ledger = try! StreamName("ledger")
    /// Ledger-wide settings.
    public static let settings = try! StreamName("settings")
    /// The association flow: the rules that route orders to channels.
    public static let associationRules = try! StreamName("association-rules")

    /// The Buy with Prime webhook subscriptions `serve` accepts.
    public static let webhooks = try! StreamName("webhooks")

    /// The streams that are a category of their own, with no id.
    public static let singletons: Set<StreamName> = [connectedApp, ledger, settings, associationRules, webhooks]

    /// The category of order streams.
    public static let orderCategory = "order"

    /// One Buy with Prime order, by its id.
    public static func order(_ id: String) -> StreamName {
        StreamName(category: orderCategory, id: id)
    }

    /// The category of customer streams.
    public static let customerCategory = "customer"

    /// One Buy with Prime customer, by `bwpCustomerId` (forgetting is all it records).
    public static func customer(_ id: String) -> StreamName {
        StreamName(category: customerCategory, id: id)
    }

    /// The category of channel streams.
    public static let channelCategory = "channel"

    /// One Amazon sales channel.
    public static func channel(_ id: UUID) -> StreamName {
        StreamName(category: channelCategory, id: id.uuidString.lowercased())
    }
}
