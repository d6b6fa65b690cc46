import Foundation

/// Hands the base URL from the server's start-up to the task waiting for it, once; a failure
/// before that (the port is taken) wakes the waiter with the error instead.
final class ListeningSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<String, any Error>?
    private var waiter: CheckedContinuation<String, any Error>?

    /// Wakes the waiter with the base URL; later calls change nothing.
    func succeed(_ baseURL: String) {
        complete(.success(baseURL))
    }

    /// Wakes the waiter with `error`, unless it already has a result.
    func fail(_ error: any Error) {
        complete(.failure(error))
    }

    /// The base URL once the server listens, or the error that stopped it first.
    func wait() async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            if let result {
                lock.unlock()
                continuation.resume(with: result)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }

    private func complete(_ outcome: Result<String, any Error>) {
        lock.lock()
        guard result == nil else {
            lock.unlock()
            return
        }
        result = outcome
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume(with: outcome)
    }
}
