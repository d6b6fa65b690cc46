import PostgresNIO

/// The text of a statement the append path sends for every append, prepared once per connection:
/// the server then parses and plans it once, not per append (parse and plan were 0.45 ms of a
/// group member's 0.5 ms write). Each conforming type is one named statement.
protocol PreparedText: Sendable {
    static var sql: String { get }
}

/// A ``PreparedText`` with its values, as postgres-nio's prepared-statement API takes it (rows
/// come back undecoded, as ``PostgresConnection/fetch(_:)`` returns them).
struct PreparedStatement<Text: PreparedText>: PostgresPreparedStatement {
    typealias Row = PostgresRow

    static var sql: String { Text.sql }

    /// The text's type name: PostgreSQL cuts names to 63 bytes, and postgres-nio's default (the
    /// fully qualified generic type) is longer, so two statements could share a cut name.
    static var name: String {
        let name = "channel_ledger_\(Text.self)"
        precondition(name.utf8.count <= 63, "prepared statement name too long for PostgreSQL: \(name)")
        return name
    }

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}

extension PostgresConnection {
    /// Runs a prepared statement and collects its rows, failing as soon as the connection closes.
    ///
    /// postgres-nio prepares the statement on its first use on this connection. Its
    /// prepared-statement API sends from the caller's thread, so unlike ``fetch(_:)`` it cannot
    /// check for a closed connection in the turn of the event loop that sends, and a statement
    /// sent after the close would be handed to nobody: ``ConnectionCloseWatch`` makes the
    /// connection's close end the wait instead.
    func fetch<Text: PreparedText>(
        _ text: Text.Type, binding values: [any PostgresThrowingDynamicTypeEncodable]
    ) async throws -> [PostgresRow] {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { try bindings.append(value) }
        let statement = PreparedStatement<Text>(bindings: bindings)
        return try await ConnectionCloseWatch.shared.run(on: self) {
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
}
