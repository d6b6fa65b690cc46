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
        try await execute(query).rows
    }

    /// Runs a statement to its end; its rows and its command tag.
    private func execute(_ query: PostgresQuery) async throws -> PostgresQueryResult {
        try await eventLoop.flatSubmit { () -> EventLoopFuture<PostgresQueryResult> in
            guard !self.isClosed else { return self.eventLoop.makeFailedFuture(ConnectionClosed()) }
            return self.query(query, logger: PostgresEventStore.quiet)
        }.get()
    }

    /// Commits the open transaction. The server answers `COMMIT` to a transaction that a failed
    /// statement had aborted with `ROLLBACK`, and no error: that is ``TransactionRolledBack``, so a
    /// failure nobody rethrew can never be reported as written.
    func commit() async throws {
        guard try await execute("COMMIT").metadata.command == "COMMIT" else { throw TransactionRolledBack() }
    }

    /// Runs a statement to its end.
    func run(_ query: PostgresQuery) async throws {
        _ = try await fetch(query)
    }

    /// Runs a prepared statement and collects its rows, failing as soon as the connection closes
    /// (``PreparedStatementWatch``). postgres-nio prepares it on its first use on this connection.
    func fetch<Text: PreparedText>(
        _ text: Text.Type, binding values: [any PostgresThrowingDynamicTypeEncodable]
    ) async throws -> [PostgresRow] {
        try await fetch(text, bindings: try PostgresQuery.sql(Text.sql, binding: values).binds)
    }

    /// Runs a prepared statement with values bound already (by their concrete types, which encodes
    /// faster than through `any PostgresThrowingDynamicTypeEncodable`) and collects its rows.
    func fetch<Text: PreparedText>(_ text: Text.Type, bindings: PostgresBindings) async throws -> [PostgresRow] {
        let statement = PreparedStatement<Text>(bindings: bindings)
        return try await PreparedStatementWatch.shared.run(
            Text.name, on: self, closingOnFirstFailure: Text.preparationMayFail
        ) {
            var rows: [PostgresRow] = []
            for try await row in try await self.execute(statement, logger: PostgresEventStore.quiet) {
                rows.append(row)
            }
            return rows
        }
    }

    /// Runs a prepared statement to its end.
    func run<Text: PreparedText>(_ text: Text.Type, binding values: [any PostgresThrowingDynamicTypeEncodable])
        async throws
    {
        _ = try await fetch(text, binding: values)
    }

    /// The first column of the first row, if any.
    func first<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type) async throws -> T? {
        try await fetch(query).first?.decode(T.self)
    }
}

/// A statement's connection closed: before the statement was sent (``PostgresConnection/fetch(_:)``
/// checks first), or while its caller waited for a prepared statement (``PreparedStatementWatch``).
/// `COMMIT` never goes through the watch, so at `COMMIT` it means the commit was never sent.
struct ConnectionClosed: Error {}

/// `COMMIT` found the transaction aborted by an earlier failed statement and rolled it back.
struct TransactionRolledBack: Error {}
