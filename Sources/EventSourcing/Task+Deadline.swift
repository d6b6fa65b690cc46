/// Waiting for a task without waiting forever.
extension Task where Failure == Never, Success: Sendable {
    /// The task's value if it ends within `limit`, else nil; the task goes on either way. (A task
    /// group would not do: leaving it waits for every child, the one awaiting the task too.)
    package func value(waitingAtMost limit: Duration) async -> Success? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Success?, Never>) in
            let waiting = Locked<CheckedContinuation<Success?, Never>?>(continuation)
            let answer: @Sendable (Success?) -> Void = { value in
                waiting.withLock { pending in
                    defer { pending = nil }
                    pending?.resume(returning: value)
                }
            }
            let timer = Task<Void, Never> {
                guard (try? await Task<Never, Never>.sleep(for: limit)) != nil else { return }
                answer(nil)
            }
            Task<Void, Never> {
                answer(await value)
                timer.cancel()
            }
        }
    }
}
