import EventSourcing

/// Sends the `NOTIFY` that wakes subscribers after appends written by one call of the store's
/// function (``PostgresAppendCall``), which cannot carry it in its own transaction.
///
/// At most one notification is in flight, on a pooled connection of its own (not the one the
/// next append will use), and positions posted meanwhile are folded into the next one:
/// subscribers read everything after the position they saw, so one wake-up serves them all. A
/// notification that fails is dropped, as is one a process leaves unsent when it closes the
/// store: a subscriber that misses it reads on its next poll (`pollInterval`).
final class PostgresNotifier: Sendable {
    private struct State {
        /// The newest position posted and not sent yet.
        var pending: Int64?
        /// The task sending, if one is.
        var sending: Task<Void, Never>?
    }

    private let state = Locked(State())
    private let send: @Sendable (Int64) async -> Void

    /// A notifier that sends each notification with `send`.
    init(send: @escaping @Sendable (Int64) async -> Void) {
        self.send = send
    }

    /// Notifies subscribers that the log reached `position`, now or right after the notification in flight.
    func post(_ position: Int64) {
        state.withLock { state in
            state.pending = max(state.pending ?? 0, position)
            guard state.sending == nil else { return }
            state.sending = Task { await self.drain() }
        }
    }

    private func drain() async {
        while let next = state.withLock({ state -> Int64? in
            defer { state.pending = nil }
            if state.pending == nil { state.sending = nil }
            return state.pending
        }) {
            await send(next)
        }
    }
}
