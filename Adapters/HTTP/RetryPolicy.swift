/// When to try a call again: exponential backoff with jitter, never sooner than the service's
/// `Retry-After`, bounded in attempts and in total time. Pure arithmetic; the retry middleware
/// does the waiting.
public struct RetryPolicy: Sendable, Equatable {
    /// The default: 4 attempts within 20 s, waits from 0.25–0.5 s doubling up to 4–8 s.
    public static let standard = RetryPolicy()

    /// A policy that never retries.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// At most this many attempts, the first included.
    public var maxAttempts: Int
    /// No retry starts once this much time has passed since the first attempt started, and no
    /// retry waits past it.
    public var totalTime: Duration
    /// The upper bound of the first wait; it doubles with each retry.
    public var baseDelay: Duration
    /// The largest upper bound of a wait (before `Retry-After`, which may ask for more).
    public var maxDelay: Duration

    /// A policy.
    public init(
        maxAttempts: Int = 4, totalTime: Duration = .seconds(20), baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(8)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.totalTime = totalTime
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The backoff before retry number `retry` (1 for the second attempt): half of
    /// `min(maxDelay, baseDelay × 2^(retry−1))` plus `jitter` (0...1) times the other half.
    public func backoff(beforeRetry retry: Int, jitter: Double) -> Duration {
        let doubling = Double(1 << min(max(retry - 1, 0), 30))
        let ceiling = min(Self.seconds(maxDelay), Self.seconds(baseDelay) * doubling)
        let jitter = min(max(jitter, 0), 1)
        return .seconds(ceiling / 2 + ceiling / 2 * jitter)
    }

    /// How long to wait before the next attempt after attempt `attempt` failed for `reason`, with
    /// `elapsed` since the first started; nil when no attempt is left or the wait would end past
    /// `totalTime`. The wait is the backoff or the service's `Retry-After`, whichever is longer.
    public func delay(afterAttempt attempt: Int, elapsed: Duration, reason: RetryReason, jitter: Double) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        let wait = max(backoff(beforeRetry: attempt, jitter: jitter), reason.retryAfter ?? .zero)
        guard elapsed + wait < totalTime else { return nil }
        return wait
    }

    /// What is left of `totalTime` after `elapsed`, never less than zero.
    public func remaining(after elapsed: Duration) -> Duration {
        max(.zero, totalTime - elapsed)
    }

    /// A duration in seconds, as `TransportError.throttled` carries a `Retry-After`.
    public static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
