import EventSourcing
import Foundation

/// Which orders `orders list` shows: filters, then a page in order-id order.
public struct OrderQuery: Sendable, Equatable {
    /// Only the orders of this channel (name or id).
    public var channel: String?
    /// Only the orders no channel has.
    public var unassociatedOnly = false
    /// Only the orders whose channel the org has not been told: pending, or given up on.
    public var unpublishedOnly = false
    /// Only the orders received at or after this time.
    public var since: Timestamp?
    /// At most this many (the page size).
    public var limit = 100
    /// Only the orders whose id sorts after this one (the next page).
    public var after: String?

    /// A query; by default the first 100 orders.
    public init(
        channel: String? = nil, unassociatedOnly: Bool = false, since: Timestamp? = nil, limit: Int = 100,
        after: String? = nil, unpublishedOnly: Bool = false
    ) {
        self.unpublishedOnly = unpublishedOnly
        self.channel = channel
        self.unassociatedOnly = unassociatedOnly
        self.since = since
        self.limit = limit
        self.after = after
    }
}

/// One page of orders, and where the next one starts.
public struct OrderPage: Sendable, Equatable {
    /// The orders, by order id.
    public var orders: [OrderSummary]
    /// The `--after` of the next page, nil when this one is the last.
    public var next: String?
}
