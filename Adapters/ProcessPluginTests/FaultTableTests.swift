import EventSourcing
import Foundation
import LedgerPresentation
import LedgerWiring
import Logging
import SandboxTransport
import Testing
import Transport

/// Issue 18's transport fault table (``FaultTable``): every operation of `live` and of the example
/// plugin against the sandbox server's faults (but `late`, a write applied before a late answer,
/// and `stall`, an answer that stops coming, which have tests of their own), a server that stopped
/// listening, and the misbehaving plugin exiting or hanging.
///
/// Why one table: each rule (what is retried, how often, what each answer becomes, what the user
/// reads) is tested case by case elsewhere; the table shows them all at once, so a gap or an unsafe
/// retry (a create sent twice) stands out, and a change to one rule fails the rows it touches.
/// Each row checks the `TransportError` case, the number of calls the server received on the
/// faulted route, and that the error and the CLI's line for it are one line without a secret.
@Suite("Transport fault table", .timeLimit(.minutes(2)))
struct FaultTableTests {
    /// Where the CLI's line comes from; no store is opened.
    static let stores = Wiring.stores(logger: Logger(label: "fault-table"))

    /// What no error may show: the demo accounts' secrets, and the sandbox's token prefixes.
    static let secrets: [String] =
        [FaultRun.accounts.salesforce.consumerSecret] + FaultRun.accounts.buyWithPrime.map(\.clientSecret)
        + [FaultRun.accounts.webhook?.password, "sandbox-bwp-", "00DSB0000000001!", "Bearer "].compactMap { $0 }

    /// One row: its own server, the fault planned for every call of the route (so a retry meets it
    /// too), the call, then the server stopped (late answers sent) and its log read. A row written as
    /// the product should behave but does not yet is a known issue, not a failure.
    @Test(arguments: FaultTable.rows)
    func eachFaultEndsInItsErrorAfterOnlyTheCallsThatAreSafe(row: FaultRow) async throws {
        let playing = Task { () -> Result<FaultRun.Outcome, any Error> in
            do { return .success(try await FaultRun.play(row)) } catch { return .failure(error) }
        }
        guard let played = await playing.value(waitingAtMost: .seconds(60)) else {
            playing.cancel()
            Issue.record("\(row) did not end within 60 s")
            return
        }
        let outcome = try played.get()
        checkLines(outcome, of: row)
        if row.transport == .live, [.cut, .drop].contains(row.fault), outcome.took >= row.fault.requestTimeout {
            // Seen now and then with both cores busy (Docs/reliability.md): a call meeting a fault
            // the server plays at once waited out its whole request timeout, the end of the answer
            // received by the client's socket but never read by AsyncHTTPClient's connection; it
            // then ends as a timeout, and an idempotent one is tried again. Its lines are checked
            // above.
            withKnownIssue("a live call waited out its timeout on a fault played at once", isIntermittent: true) {
                try check(outcome, of: row)
            }
            return
        }
        if let reason = row.expected.knownIssue {
            withKnownIssue(Comment(rawValue: reason)) { try check(outcome, of: row) }
        } else {
            try check(outcome, of: row)
        }
    }

    /// The row's checks: the case, the calls, and the exit code.
    private func check(_ outcome: FaultRun.Outcome, of row: FaultRow) throws {
        let expected = row.expected
        let service = row.operation.service
        #expect(outcome.otherError == nil, "not a TransportError: \(outcome.otherError ?? "")")
        #expect(
            expected.matches(outcome.error, service: service),
            "expected \(expected.outcome), got \(outcome.error.map(String.init(describing:)) ?? "success")")
        // A server that is not listening receives nothing; `live` then says how many calls it made.
        let made = row.fault == .refused ? 0 : expected.calls
        // A call past the request timeout is recorded by the server when its late answer goes out;
        // on a loaded machine the last one may not have gone out when the server stops, and a
        // plugin may not have sent its one call before the ledger gave up on it (a CPU-starved
        // Python start took longer than the timeout). Retried (two or more) is still told apart
        // from not retried (at most one).
        let counted = row.fault == .timeout ? (made > 1 ? 2...made : 0...made) : made...made
        #expect(
            counted.contains(outcome.received.count),
            "calls of \(FaultRun.route(of: row.operation, channelID: "…")): \(outcome.received.count), expected \(counted)"
        )
        if case .throttled(let retryAfter?) = expected.outcome {
            // Each retry waited out the `Retry-After` of the 429 before it (the log keeps milliseconds).
            for (earlier, later) in zip(outcome.received, outcome.received.dropFirst()) {
                #expect(later.timeIntervalSince(earlier) >= retryAfter - 0.002, "a retry sooner than Retry-After")
            }
        }
        guard let error = outcome.error else { return }
        if row.transport == .live, case .unavailable(_, let reason) = error {
            let attempts = expected.calls > 1 ? " (\(expected.calls) attempts)" : ""
            #expect(
                reason.hasSuffix(attempts) && (attempts.isEmpty == !reason.hasSuffix(" attempts)")),
                "\(expected.calls) attempts: \(reason)")
        }
        let (failure, _) = FailureReport.describe(error, stores: Self.stores)
        #expect(failure.rawValue == expected.exitCode)
    }

    /// Whatever the call ended in: its error and the CLI's line for it are one line without a
    /// secret, and a misbehaving plugin's line names it.
    private func checkLines(_ outcome: FaultRun.Outcome, of row: FaultRow) {
        guard let error = outcome.error else { return }
        let (_, line) = FailureReport.describe(error, stores: Self.stores)
        for text in [error.description, line] {
            #expect(!text.contains("\n") && !text.contains("\r"), "more than one line: \(text)")
            for secret in Self.secrets {
                #expect(!text.contains(secret), "a secret or token in: \(text)")
            }
        }
        if row.transport == .misbehaving {
            #expect(line.contains("(plugin bad-"), "the line names the plugin: \(line)")
        }
    }
}
