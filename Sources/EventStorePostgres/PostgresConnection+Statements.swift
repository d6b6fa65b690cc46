import PostgresNIO

extension PostgresConnection {
    /// Runs a statement and collects its rows, failing at once on a connection already closed.
    ///
    /// The closed check and the statement's submission happen in one turn of the connection's
    /// event loop, where the channel closes too: postgres-nio hands a statement for a channel
    /// that closed earlier to nobody, and its caller would wait forever. Collecting the rows also
    /// means an error the server raises while the statement runs (a lock timeout, a constraint),
    /// which arrives after the row description, is always seen.
    func fetch(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await eventLoop.flatSubmit { () -> EventLoopFuture<PostgresQueryResult> in
            guard !self.isClosed else { return self.eventLoop.makeFailedFuture(ConnectionClosed()) }
            return self.query(query, logger: PostgresEventStore.quiet)
        }.get().rows
    }

    /// Runs a statement to its end.
    func run(_ query: PostgresQuery) async throws {
        _ = try await fetch(query)
    }

    /// The first column of the first row, if any.
    func first<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type) async throws -> T? {
        try await fetch(query).first?.decode(T.self)
    }
}

/// A statement was not sent because its connection had already closed.
struct ConnectionClosed: Error {}
