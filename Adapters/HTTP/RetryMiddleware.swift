import Foundation
import HTTPTypes

/// Tries a call again after a 429, a 5xx, no answer (refused, reset, timed out) or an answer the
/// call itself reads as retryable (a GraphQL `ThrottlingError` or `InternalServerError`), as its
/// ``RetryPolicy`` allows; never after another 4xx.
///
/// A call that is not idempotent is tried again only after a 429. When the policy says stop, the
/// last answer is returned (the adapter maps it to `throttled` or `unavailable`) or the last
/// failure thrown, with the number of attempts. Each retry's timeout is cut to what is left of
/// the policy's total time.
public struct RetryMiddleware: HTTPMiddleware {
    /// When to retry.
    public var policy: RetryPolicy
    /// The time and the waiting.
    public var clock: RetryClock

    /// A retry middleware.
    public init(policy: RetryPolicy = .standard, clock: RetryClock = .continuous) {
        self.policy = policy
        self.clock = clock
    }

    /// Sends `call` until it gets an answer not worth retrying or the policy says stop.
    public func intercept(
        _ call: HTTPCall, next: @Sendable (HTTPCall) async throws -> HTTPAnswer
    ) async throws -> HTTPAnswer {
        let start = clock.now()
        var attempt = 1
        var current = call
        while true {
            current.attempt = attempt
            let reason: RetryReason
            let outcome: Result<HTTPAnswer, HTTPCallError>
            do {
                var answer = try await next(current)
                answer.attempts = attempt
                guard let why = Self.reason(for: answer, of: call), call.isIdempotent || Self.isThrottled(why) else {
                    return answer
                }
                (reason, outcome) = (why, .success(answer))
            } catch var failure as HTTPCallError
                where call.isIdempotent && [.connection, .timeout].contains(failure.kind)
            {
                failure.attempts = attempt
                (reason, outcome) = (.noAnswer, .failure(failure))
            }
            let elapsed = clock.now() - start
            guard
                let wait = policy.delay(afterAttempt: attempt, elapsed: elapsed, reason: reason, jitter: clock.jitter())
            else {
                return try outcome.get()
            }
            try await clock.sleep(wait)
            attempt += 1
            let left = policy.remaining(after: clock.now() - start)
            current.timeout = min(call.timeout, max(left, .milliseconds(100)))
        }
    }

    /// Why `answer` is worth another attempt, or nil.
    static func reason(for answer: HTTPAnswer, of call: HTTPCall) -> RetryReason? {
        switch answer.status {
        case 429: .throttled(retryAfter: answer.retryAfter())
        case 500...599: .serverError(retryAfter: answer.retryAfter())
        case 200...299: call.retryableAnswer?(answer)
        default: nil
        }
    }

    private static func isThrottled(_ reason: RetryReason) -> Bool {
        if case .throttled = reason { return true }
        return false
    }
}
