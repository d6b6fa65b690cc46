import PostgresNIO

/// A statement the append path sends for every append, prepared once per connection: the server
/// then parses and plans it once, not per append (parse and plan were 0.45 ms of a group member's
/// 0.5 ms write).
protocol PreparedText: Sendable {
    /// The statement's name on the connection: unique, and at most 63 bytes (PostgreSQL cuts
    /// longer names, and two cut names could collide; postgres-nio's default, the fully qualified
    /// generic type, is longer).
    static var name: String { get }
    static var sql: String { get }
    /// Whether preparing it can fail on a live connection: parsing takes locks on the tables a
    /// statement names, under `lock_timeout` (see ``PreparedStatementWatch``). True unless it names none.
    static var preparationMayFail: Bool { get }
}

extension PreparedText {
    static var preparationMayFail: Bool { true }
}

/// A ``PreparedText`` with its values, as postgres-nio's prepared-statement API takes it (rows
/// come back undecoded, as ``PostgresConnection/fetch(_:)`` returns them).
struct PreparedStatement<Text: PreparedText>: PostgresPreparedStatement {
    typealias Row = PostgresRow

    static var name: String { Text.name }
    static var sql: String { Text.sql }

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}
