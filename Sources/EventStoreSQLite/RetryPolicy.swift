import GRDB

/// Bounded retry of a transaction that still fails with `SQLITE_BUSY` or `SQLITE_LOCKED`
/// after the busy timeout, with a small randomized backoff so contending processes spread out.
struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    var maxAttempts = 12
    /// The ceiling of the first backoff; it doubles per attempt up to `maxDelayMilliseconds`.
    var baseDelayMilliseconds = 4
    /// The largest backoff ceiling.
    var maxDelayMilliseconds = 400

    /// Runs `body`, retrying it while it fails busy; the last busy error is rethrown.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as DatabaseError where Self.isBusy(error) && attempt < maxAttempts {
                let ceiling = min(maxDelayMilliseconds, baseDelayMilliseconds << min(attempt - 1, 20))
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...max(1, ceiling))))
                attempt += 1
            }
        }
    }

    /// Whether an error means another connection held a lock.
    static func isBusy(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }
}
