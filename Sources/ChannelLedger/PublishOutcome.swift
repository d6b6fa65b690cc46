import EventSourcing

/// What one pass of the publisher did, and what it left for later.
public struct PublishOutcome: Sendable, Equatable {
    /// Channels written to the org (created, found or updated) and recorded, by name.
    public var channelsPublished: [String] = []
    /// Orders whose channel was written to the org and recorded.
    public var ordersPublished = 0
    /// Orders left pending, each with why: not in the org yet, refused by it, or their channel not
    /// published yet.
    public var deferred: [Deferred] = []
    /// Orders the pass gave up on (attempts ran out, or a `--retry-failed` attempt failed), each
    /// with the last reason: `orders list --unpublished` lists them, `publish --retry-failed` tries again.
    public var failed: [Deferred] = []
    /// How many `OrderPublishFailed` the pass recorded (a retry failing for the same reason records none).
    public var failuresRecorded = 0

    /// An order left for a later pass, or given up on.
    public struct Deferred: Sendable, Equatable {
        /// The order's Buy with Prime id.
        public var orderId: String
        /// Why it waits: `not in the org yet`, the org's error code and message, or a channel not
        /// published yet.
        public var reason: String
        /// How many attempts failed so far, for an order the org did not take; nil otherwise.
        public var attempts: Int? = nil
        /// The earliest time of the next attempt, for an order the org did not take; nil otherwise.
        public var retryAt: Timestamp? = nil
    }

    /// A pass that did nothing.
    public init() {}

    /// Whether the pass recorded anything.
    public var changed: Bool { !channelsPublished.isEmpty || ordersPublished > 0 || failuresRecorded > 0 }
}
