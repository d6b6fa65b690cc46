/// A piece of work on one subject that failed and waits to be tried again (the publisher's orders
/// the org does not have yet): how often it failed, why last, and not before when.
///
/// Kept beside the lease, never in the log: a retry schedule is not a fact of the domain, and
/// counting every failed call must not grow the log. Only the outcome is recorded (the publisher's
/// `OrderPublishFailed` once the attempts run out).
public struct WorkAttempt: Sendable, Equatable {
    /// What was worked on, e.g. an order id.
    public var subject: String
    /// What the subject was to become, e.g. the channel written; an attempt at another target
    /// starts a fresh count.
    public var target: String
    /// How many attempts failed.
    public var count: Int
    /// The reason the last one failed, for people.
    public var reason: String
    /// When the last one failed.
    public var lastAt: Timestamp
    /// The earliest time for the next.
    public var retryAt: Timestamp

    /// An attempt record as a store keeps it.
    public init(subject: String, target: String, count: Int, reason: String, lastAt: Timestamp, retryAt: Timestamp) {
        self.subject = subject
        self.target = target
        self.count = count
        self.reason = reason
        self.lastAt = lastAt
        self.retryAt = retryAt
    }
}
