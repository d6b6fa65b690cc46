import EventSourcing

/// What `publish status` reports: what waits for the org, and who publishes now.
public struct PublishStatus: Sendable, Equatable {
    /// Channels the org does not hold as they are now, by name.
    public var pendingChannels: [String]
    /// How many associations the org has not been told.
    public var pendingOrders: Int
    /// The first of those orders, by id (at most ten).
    public var firstPendingOrders: [String]
    /// The publisher lease as it stands, nil when no pass holds or held it.
    public var lease: Lease?
    /// Whether that lease still runs: a pass is at work.
    public var leaseRunning: Bool
}
