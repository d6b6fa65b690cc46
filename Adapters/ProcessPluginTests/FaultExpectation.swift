import Testing
import Transport

/// What must come of one call under one fault: the `TransportError` case it ends in (or success),
/// and how many calls of the faulted route the transport makes (the sandbox server counts those it
/// received; a server that is not listening receives none, and `live` says how many it made).
struct FaultExpectation: Sendable, Equatable {
    /// How the call ends.
    enum Outcome: Sendable, Equatable {
        /// It returns.
        case succeeds
        /// `rejected`, with the service's code.
        case rejected(code: String)
        /// `throttled`, with the last `Retry-After` in seconds.
        case throttled(retryAfter: Double?)
        /// `unavailable`.
        case unavailable
        /// `malformedAnswer`.
        case malformedAnswer
    }

    /// How the call ends.
    var outcome: Outcome
    /// How many calls of the faulted route the transport makes.
    var calls: Int
    /// Why the product does not do this yet, for a row written as it should be.
    var knownIssue: String?

    /// Rejected with `code` after `calls` calls.
    static func rejected(_ code: String, _ calls: Int) -> FaultExpectation {
        FaultExpectation(outcome: .rejected(code: code), calls: calls)
    }
    /// Throttled after `calls` calls, each answered `Retry-After: 1`.
    static func throttled(_ calls: Int) -> FaultExpectation {
        FaultExpectation(outcome: .throttled(retryAfter: 1), calls: calls)
    }
    /// Unavailable after `calls` calls.
    static func unavailable(_ calls: Int) -> FaultExpectation { FaultExpectation(outcome: .unavailable, calls: calls) }
    /// An unreadable answer after `calls` calls.
    static func malformedAnswer(_ calls: Int) -> FaultExpectation {
        FaultExpectation(outcome: .malformedAnswer, calls: calls)
    }
    /// Success after `calls` calls.
    static func succeeds(_ calls: Int) -> FaultExpectation { FaultExpectation(outcome: .succeeds, calls: calls) }

    /// This expectation, which the product does not meet yet for the reason given.
    func knownIssue(_ reason: String) -> FaultExpectation {
        var expected = self
        expected.knownIssue = reason
        return expected
    }

    /// Whether `error` (nil: the call returned) is this outcome from `service`.
    func matches(_ error: TransportError?, service: Service) -> Bool {
        guard let error else { return outcome == .succeeds }
        guard error.service == service else { return false }
        switch (outcome, error) {
        case (.rejected(let code), .rejected(_, let actual, _)): return code == actual
        case (.throttled(let retryAfter), .throttled(_, let actual)): return retryAfter == actual
        case (.unavailable, .unavailable), (.malformedAnswer, .malformedAnswer): return true
        default: return false
        }
    }

    /// The exit code Docs/transports.md gives the outcome: 5 for a rejection, 6 for anything a
    /// retry may cure; nil for success.
    var exitCode: Int32? {
        switch outcome {
        case .succeeds: nil
        case .rejected: 5
        case .throttled, .unavailable, .malformedAnswer: 6
        }
    }
}
