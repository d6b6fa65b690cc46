import LiveHTTP
import Testing

@Suite("LiveHTTP: retry policy arithmetic")
struct RetryPolicyTests {
    let policy = RetryPolicy.standard

    @Test func defaultsAreFourAttemptsWithinTwentySeconds() {
        #expect(policy.maxAttempts == 4)
        #expect(policy.totalTime == .seconds(20))
    }

    @Test(arguments: 1...8)
    func backoffStaysWithinItsBounds(retry: Int) {
        let ceiling = min(8.0, 0.5 * Double(1 << (retry - 1)))
        let low = policy.backoff(beforeRetry: retry, jitter: 0)
        let high = policy.backoff(beforeRetry: retry, jitter: 1)
        let middle = policy.backoff(beforeRetry: retry, jitter: 0.5)
        #expect(abs(seconds(low) - ceiling / 2) < 1e-9)
        #expect(abs(seconds(high) - ceiling) < 1e-9)
        #expect(low < middle && middle < high)
    }

    @Test func jitterOutsideZeroToOneIsClamped() {
        #expect(policy.backoff(beforeRetry: 1, jitter: -3) == policy.backoff(beforeRetry: 1, jitter: 0))
        #expect(policy.backoff(beforeRetry: 1, jitter: 7) == policy.backoff(beforeRetry: 1, jitter: 1))
    }

    @Test func noDelayOnceTheAttemptsAreSpent() {
        #expect(policy.delay(afterAttempt: 3, elapsed: .zero, reason: .noAnswer, jitter: 0) != nil)
        #expect(policy.delay(afterAttempt: 4, elapsed: .zero, reason: .noAnswer, jitter: 0) == nil)
        #expect(RetryPolicy.never.delay(afterAttempt: 1, elapsed: .zero, reason: .noAnswer, jitter: 0) == nil)
    }

    @Test func retryAfterIsNeverShortened() {
        let wait = policy.delay(afterAttempt: 1, elapsed: .zero, reason: .throttled(retryAfter: .seconds(7)), jitter: 1)
        #expect(wait == .seconds(7))
        let short = policy.delay(
            afterAttempt: 1, elapsed: .zero, reason: .throttled(retryAfter: .milliseconds(1)), jitter: 1)
        #expect(short == .milliseconds(500))
    }

    @Test func noDelayThatWouldEndPastTheTotalTime() {
        #expect(policy.delay(afterAttempt: 1, elapsed: .seconds(19), reason: .noAnswer, jitter: 1) != nil)
        #expect(policy.delay(afterAttempt: 1, elapsed: .milliseconds(19_600), reason: .noAnswer, jitter: 1) == nil)
        #expect(
            policy.delay(afterAttempt: 1, elapsed: .zero, reason: .throttled(retryAfter: .seconds(20)), jitter: 0)
                == nil)
    }

    @Test func theWorstCaseOfTheDefaultsFitsTheBound() {
        var elapsed = Duration.zero
        var attempt = 1
        while let wait = policy.delay(afterAttempt: attempt, elapsed: elapsed, reason: .noAnswer, jitter: 1) {
            elapsed += wait
            attempt += 1
        }
        #expect(attempt == 4)
        #expect(elapsed == .milliseconds(3_500))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
