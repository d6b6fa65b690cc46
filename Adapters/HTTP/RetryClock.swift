/// The time and the waiting of the retry middleware, injectable so tests of its arithmetic are instant.
public struct RetryClock: Sendable {
    /// The current instant.
    public var now: @Sendable () -> ContinuousClock.Instant
    /// Waits `duration` (throws when cancelled).
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A number in 0...1 for the backoff's jitter.
    public var jitter: @Sendable () -> Double

    /// A clock.
    public init(
        now: @escaping @Sendable () -> ContinuousClock.Instant,
        sleep: @escaping @Sendable (Duration) async throws -> Void,
        jitter: @escaping @Sendable () -> Double
    ) {
        self.now = now
        self.sleep = sleep
        self.jitter = jitter
    }

    /// The real clock: `ContinuousClock`, `Task.sleep` and a random jitter.
    public static let continuous = RetryClock(
        now: { ContinuousClock.now },
        sleep: { try await Task.sleep(for: $0) },
        jitter: { Double.random(in: 0...1) }
    )
}
