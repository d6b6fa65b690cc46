import EventSourcing
import PostgresNIO

/// Runs prepared statements for their callers, covering two behaviours of postgres-nio 1.33.2.
///
/// - **A closed connection.** Its prepared-statement API sends from the caller's thread, so a
///   statement sent just after the connection closed is handed to nobody and its caller would wait
///   forever. Here each statement runs in a task of its own while its caller waits on a
///   continuation that the statement's end or the connection's close resumes, whichever comes
///   first (``ConnectionClosed``). A statement handed to nobody leaves its small task suspended.
/// - **A failed preparation.** postgres-nio remembers it, and every later use of that statement on
///   that connection fails the same way (a parse that met `lock_timeout` behind another session's
///   `LOCK TABLE` or `ALTER TABLE` would make the connection answer `busy` for good). So when a
///   statement fails before it has ever succeeded on its connection, with an error its
///   preparation could have raised, the connection is closed after the caller gets the error, and
///   the pool opens a new one.
///
/// Each watched connection has one close callback, registered with its first statement, and the
/// watch holds it (so its identity is not reused) until that callback forgets it: the bookkeeping
/// does not grow with the statements a connection runs.
final class PreparedStatementWatch: Sendable {
    static let shared = PreparedStatementWatch()

    private typealias Waiter = CheckedContinuation<[PostgresRow], any Error>

    /// An open connection that has run a prepared statement.
    private struct Watched {
        let connection: PostgresConnection
        var waiting: [UInt64: Waiter] = [:]
        /// The statements that have succeeded once on it: prepared for good.
        var prepared: Set<String> = []
    }

    private struct State {
        var nextID: UInt64 = 0
        var connections: [ObjectIdentifier: Watched] = [:]
    }

    private let state = Locked(State())

    /// Runs the prepared statement `name` on `connection`; throws ``ConnectionClosed`` once the
    /// connection closes first. With `closingOnFirstFailure` (a statement whose preparation may
    /// fail), a failure before its first success that preparing could have caused closes the connection.
    func run(
        _ name: String, on connection: PostgresConnection, closingOnFirstFailure: Bool = true,
        _ statement: @escaping @Sendable () async throws -> [PostgresRow]
    ) async throws -> [PostgresRow] {
        guard !connection.isClosed else { throw ConnectionClosed() }
        let key = ObjectIdentifier(connection)
        return try await withCheckedThrowingContinuation { (waiter: Waiter) in
            let (id, firstOfConnection) = state.withLock { state in
                state.nextID += 1
                let first = state.connections[key] == nil
                if first { state.connections[key] = Watched(connection: connection) }
                state.connections[key]?.waiting[state.nextID] = waiter
                return (state.nextID, first)
            }
            if firstOfConnection {
                // Runs at once if the connection has closed already.
                connection.closeFuture.whenComplete { _ in self.closed(key) }
            }
            Task {
                let result: Result<[PostgresRow], any Error>
                do { result = .success(try await statement()) } catch { result = .failure(error) }
                self.finish(id, name, of: key, closingOnFirstFailure: closingOnFirstFailure, with: result)
            }
        }
    }

    /// Resumes waiter `id` with its statement's result, unless the close resumed it already.
    private func finish(
        _ id: UInt64, _ name: String, of key: ObjectIdentifier, closingOnFirstFailure: Bool,
        with result: Result<[PostgresRow], any Error>
    ) {
        let (waiter, closing) = state.withLock { state -> (Waiter?, PostgresConnection?) in
            guard var watched = state.connections[key], let waiter = watched.waiting.removeValue(forKey: id) else {
                return (nil, nil)
            }
            var closing: PostgresConnection?
            switch result {
            case .success: watched.prepared.insert(name)
            case .failure(let error):
                if closingOnFirstFailure, !watched.prepared.contains(name), Self.mayHaveFailedPreparation(error) {
                    closing = watched.connection
                }
            }
            state.connections[key] = watched
            return (waiter, closing)
        }
        closing?.close().whenComplete { _ in }
        waiter?.resume(with: result)
    }

    /// Whether `error` may come from preparing the statement: a server's error but a data or
    /// constraint error (classes 22 and 23), which only running it raises (a recorded id on the
    /// fast path, say), so closing for them would only waste a reconnect. Running can raise others
    /// too (a deadlock, a cancel); the connection is closed for those as well, at that cost.
    static func mayHaveFailedPreparation(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        let sqlState = error.serverInfo?[.sqlState] ?? ""
        return !(sqlState.hasPrefix("22") || sqlState.hasPrefix("23"))
    }

    /// Fails every statement still waiting on a closed connection and forgets the connection.
    private func closed(_ key: ObjectIdentifier) {
        let waiting = state.withLock { $0.connections.removeValue(forKey: key)?.waiting } ?? [:]
        for waiter in waiting.values { waiter.resume(throwing: ConnectionClosed()) }
    }

    /// How many connections are watched, and how many statements wait (tests).
    var counts: (connections: Int, waiting: Int) {
        state.withLock { ($0.connections.count, $0.connections.values.reduce(0) { $0 + $1.waiting.count }) }
    }
}
