import EventSourcing

/// What `publish status` reports: what waits for the org, and who publishes now.
public struct PublishStatus: Sendable, Equatable {
    /// Channels the org does not hold as they are now, by name.
    public var pendingChannels: [String]
    /// How many associations the org has not been told.
    public var pendingOrders: Int
    /// The first of those orders, by id (at most ten).
    public var firstPendingOrders: [String]
    /// How many orders the publisher gave up on (`OrderPublishFailed`).
    public var failedOrders: Int = 0
    /// The first of those (at most ten), each with why.
    public var firstFailedOrders: [PublishOutcome.Deferred] = []
    /// How many pending orders failed an attempt and wait for the next.
    public var retryingOrders: Int = 0
    /// The latest failed attempt at an order, if any waits for another.
    public var lastFailure: WorkAttempt? = nil
    /// The publisher lease as it stands, nil when no pass holds or held it.
    public var lease: Lease?
    /// Whether that lease still runs: a pass is at work.
    public var leaseRunning: Bool
}
