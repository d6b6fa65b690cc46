import LedgerPresentation
import LedgerWiring
import Testing
import Transport

/// Every transport error's exit code and line: none records anything, and each says so.
@Suite("Transport errors, as the CLI explains them")
struct TransportErrorAdviceTests {
    static let stores = Wiring.stores(logger: .init(label: "test"))

    @Test(
        "each case has its exit code and one line that says nothing was recorded",
        arguments: [
            (TransportError.rejected(service: .salesforce, code: "INVALID_FIELD", message: "No such column"), 5),
            (.notFound(service: .buyWithPrime, what: "order 322-ABC1-AAAAAA"), 4),
            (.throttled(service: .buyWithPrime, retryAfter: 2), 6),
            (.unavailable(service: .salesforce, reason: "HTTP 503 (4 attempts)"), 6),
            (.malformedAnswer(service: .buyWithPrime, reason: "not JSON"), 6),
            (.unsupported(service: .salesforce, operation: "salesforce.set-orders-channel"), 64),
        ] as [(TransportError, Int32)])
    func classAndLine(error: TransportError, exitCode: Int32) {
        let (failure, line) = FailureReport.describe(error, stores: Self.stores)
        #expect(failure.rawValue == exitCode)
        #expect(line.hasPrefix(error.description))
        #expect(line.contains("nothing was recorded") && !line.contains("\n"))
    }

    @Test("only what a retry may cure says to try again later")
    func tryAgain() {
        #expect(
            FailureReport.message(of: TransportError.throttled(service: .buyWithPrime, retryAfter: nil)).contains(
                "try again later"))
        #expect(
            !FailureReport.message(of: TransportError.notFound(service: .buyWithPrime, what: "order x")).contains(
                "try again"))
        #expect(
            FailureReport.message(of: TransportError.unsupported(service: .salesforce, operation: "x")).contains(
                "use a transport that supports it"))
    }
}
