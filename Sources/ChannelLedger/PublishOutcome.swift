/// What one pass of the publisher did, and what it left for later.
public struct PublishOutcome: Sendable, Equatable {
    /// Channels written to the org (created, found or updated) and recorded, by name.
    public var channelsPublished: [String] = []
    /// Orders whose channel was written to the org and recorded.
    public var ordersPublished = 0
    /// Orders left pending, each with why: not in the org yet, refused by it, or their channel not
    /// published yet.
    public var deferred: [Deferred] = []

    /// An order left for a later pass.
    public struct Deferred: Sendable, Equatable {
        /// The order's Buy with Prime id.
        public var orderId: String
        /// Why it waits.
        public var reason: String
    }

    /// Whether the pass recorded anything.
    public var changed: Bool { !channelsPublished.isEmpty || ordersPublished > 0 }
}
