import PostgresNIO

/// Waits for statements so that a connection's close always ends the wait.
///
/// Each statement runs in a task of its own while its caller waits on a continuation that the
/// statement's end or the close of its connection resumes, whichever comes first. Every watched
/// connection has one close callback, registered with its first statement and dropped with the
/// connection, so the bookkeeping does not grow with the statements a connection runs. A statement
/// that postgres-nio handed to nobody leaves its task suspended: one small task per statement
/// sent on a connection that had just closed.
final class ConnectionCloseWatch: Sendable {
    static let shared = ConnectionCloseWatch()

    private typealias Waiter = CheckedContinuation<[PostgresRow], any Error>

    private struct State {
        var nextID: UInt64 = 0
        /// The waiters of each open connection that has run a statement, by connection.
        var waiters: [ObjectIdentifier: [UInt64: Waiter]] = [:]
    }

    private let state = Locked(State())

    /// Runs `statement` for `connection`; throws ``ConnectionClosed`` once the connection closes first.
    func run(
        on connection: PostgresConnection, _ statement: @escaping @Sendable () async throws -> [PostgresRow]
    ) async throws -> [PostgresRow] {
        guard !connection.isClosed else { throw ConnectionClosed() }
        let key = ObjectIdentifier(connection)
        return try await withCheckedThrowingContinuation { (waiter: Waiter) in
            let (id, firstOfConnection) = state.withLock { state in
                state.nextID += 1
                let first = state.waiters[key] == nil
                state.waiters[key, default: [:]][state.nextID] = waiter
                return (state.nextID, first)
            }
            if firstOfConnection {
                // Runs at once if the connection has closed already.
                connection.closeFuture.whenComplete { _ in self.closed(key) }
            }
            Task {
                let result: Result<[PostgresRow], any Error>
                do { result = .success(try await statement()) } catch { result = .failure(error) }
                self.take(id, of: key)?.resume(with: result)
            }
        }
    }

    /// The waiter `id`, unless the close resumed it already.
    private func take(_ id: UInt64, of key: ObjectIdentifier) -> Waiter? {
        state.withLock { $0.waiters[key]?.removeValue(forKey: id) }
    }

    /// Fails every statement still waiting on a closed connection and forgets the connection.
    private func closed(_ key: ObjectIdentifier) {
        let waiting = state.withLock { $0.waiters.removeValue(forKey: key) } ?? [:]
        for waiter in waiting.values { waiter.resume(throwing: ConnectionClosed()) }
    }

    /// How many connections are watched (tests).
    var watchedConnections: Int { state.withLock { $0.waiters.count } }
}
