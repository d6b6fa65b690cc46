import Foundation
import HTTPTypes
import LiveHTTP
import Synchronization
import Transport

/// An ``HTTPTransport`` that answers from a script, for the middlewares' arithmetic only (the
/// adapters are tested over real HTTP).
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case answer(Int, headers: HTTPFields = [:], body: String = "{}")
        case noAnswer
    }

    private let state: Mutex<(script: [Step], calls: [HTTPCall])>

    init(_ script: [Step]) {
        state = Mutex((script, []))
    }

    var calls: [HTTPCall] { state.withLock { $0.calls } }

    func send(_ call: HTTPCall) async throws -> HTTPAnswer {
        let step = state.withLock { state in
            state.calls.append(call)
            return state.script.isEmpty ? Step.answer(200) : state.script.removeFirst()
        }
        switch step {
        case .answer(let status, let headers, let body):
            return HTTPAnswer(
                response: HTTPResponse(status: .init(code: status), headerFields: headers), body: Data(body.utf8))
        case .noAnswer:
            throw HTTPCallError(.connection, service: call.service, operation: call.operation, detail: "refused")
        }
    }
}

/// A retry clock that moves only when the middleware sleeps, recording each wait.
final class InstantClock: Sendable {
    private let state = Mutex((now: ContinuousClock.now, sleeps: [Duration]()))

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func clock(jitter: Double = 1) -> RetryClock {
        RetryClock(
            now: { self.state.withLock { $0.now } },
            sleep: { duration in
                self.state.withLock {
                    $0.now += duration; $0.sleeps.append(duration)
                }
            },
            jitter: { jitter })
    }
}

extension HTTPCall {
    /// A call to nowhere in particular, for the middleware tests.
    static func test(isIdempotent: Bool = true, retryableAnswer: (@Sendable (HTTPAnswer) -> RetryReason?)? = nil)
        -> HTTPCall
    {
        HTTPCall(
            service: .buyWithPrime, operation: "test.operation",
            request: HTTPRequest(method: .post, scheme: "https", authority: "example.test", path: "/graphql"),
            timeout: .seconds(5), isIdempotent: isIdempotent, retryableAnswer: retryableAnswer)
    }
}
