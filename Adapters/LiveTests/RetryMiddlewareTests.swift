import Foundation
import HTTPTypes
import LiveHTTP
import Testing
import Transport

@Suite("LiveHTTP: retry middleware (instant clock)")
struct RetryMiddlewareTests {
    func run(
        _ script: [ScriptedTransport.Step], call: HTTPCall = .test(), policy: RetryPolicy = .standard
    ) async throws -> (HTTPAnswer, ScriptedTransport, InstantClock) {
        let transport = ScriptedTransport(script)
        let clock = InstantClock()
        let pipeline = HTTPPipeline(
            transport: transport, middlewares: [RetryMiddleware(policy: policy, clock: clock.clock())])
        return (try await pipeline.send(call), transport, clock)
    }

    @Test func aThrottledCallWaitsAtLeastItsRetryAfter() async throws {
        let (answer, transport, clock) = try await run([.answer(429, headers: [.retryAfter: "3"]), .answer(200)])
        #expect(answer.status == 200)
        #expect(answer.attempts == 2)
        #expect(transport.calls.map(\.attempt) == [1, 2])
        #expect(clock.sleeps == [.seconds(3)])
    }

    @Test func aStormOf500sStopsAfterFourAttempts() async throws {
        let (answer, transport, clock) = try await run(Array(repeating: .answer(500), count: 10))
        #expect(answer.status == 500)
        #expect(answer.attempts == 4)
        #expect(transport.calls.count == 4)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2)])
    }

    @Test(arguments: [400, 401, 403, 404, 409, 422])
    func anotherClientErrorIsNeverRetried(status: Int) async throws {
        let (answer, transport, _) = try await run([.answer(status), .answer(200)])
        #expect(answer.status == status)
        #expect(transport.calls.count == 1)
    }

    @Test func noAnswerIsRetriedThenThrownAsUnavailable() async throws {
        let transport = ScriptedTransport(Array(repeating: .noAnswer, count: 10))
        let pipeline = HTTPPipeline(
            transport: transport, middlewares: [RetryMiddleware(clock: InstantClock().clock())])
        await #expect(
            throws: TransportError.unavailable(service: .buyWithPrime, reason: "test.operation: refused (4 attempts)")
        ) {
            try await pipeline.send(.test())
        }
        #expect(transport.calls.count == 4)
    }

    @Test func aCallThatIsNotIdempotentIsRetriedOnlyAfterA429() async throws {
        let (failed, once, _) = try await run([.answer(503), .answer(200)], call: .test(isIdempotent: false))
        #expect(failed.status == 503)
        #expect(once.calls.count == 1)
        let (throttled, twice, _) = try await run([.answer(429), .answer(201)], call: .test(isIdempotent: false))
        #expect(throttled.status == 201)
        #expect(twice.calls.count == 2)
    }

    @Test func aRetryAfterPastTheTotalTimeEndsTheRetries() async throws {
        let (answer, transport, clock) = try await run([.answer(429, headers: [.retryAfter: "60"]), .answer(200)])
        #expect(answer.status == 429)
        #expect(transport.calls.count == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func theTotalTimeBoundsManyAttempts() async throws {
        let policy = RetryPolicy(
            maxAttempts: 100, totalTime: .seconds(10), baseDelay: .seconds(1), maxDelay: .seconds(2))
        let (_, transport, clock) = try await run(Array(repeating: .answer(503), count: 100), policy: policy)
        let waited = clock.sleeps.reduce(Duration.zero, +)
        #expect(waited < .seconds(10))
        #expect(transport.calls.count < 100)
        #expect(transport.calls.last?.timeout ?? .zero <= .seconds(10) - waited)
    }

    @Test func aRetryableAnswerIsRetried() async throws {
        let call = HTTPCall.test(retryableAnswer: { $0.body.count > 2 ? .throttled(retryAfter: nil) : nil })
        let (answer, transport, _) = try await run([.answer(200, body: "throttled"), .answer(200)], call: call)
        #expect(answer.body == Data("{}".utf8))
        #expect(transport.calls.count == 2)
    }
}
