import Foundation

/// Why the PostgreSQL store could not be used; each description is one line of facts.
///
/// `server` is the store's URL without its password. Descriptions never include SQL text, bound
/// values or the server's own message (which may quote values).
public enum PostgresStoreError: Error, Equatable, CustomStringConvertible {
    /// The store URL cannot be parsed; the reason never quotes the URL.
    case invalidURL(String)
    /// No connection could be made to the server.
    case unreachable(server: String, reason: String)
    /// The server refused the login (wrong user or password, or no password given).
    case authenticationFailed(server: String)
    /// The database named in the URL does not exist.
    case databaseNotFound(server: String)
    /// The server has no free connection slot.
    case tooManyConnections(server: String)
    /// The role lacks a privilege the operation needs.
    case permissionDenied(server: String, operation: String)
    /// The store's schema was migrated by a newer channel-ledger.
    case newerSchema(server: String, found: Int, known: Int)
    /// The database (or schema) holds no channel-ledger store yet.
    case noStore(server: String)
    /// The schema holds tables of something other than a channel-ledger store.
    case notAStore(server: String)
    /// The connection broke before the transaction could commit: nothing was written.
    case connectionLost(server: String, operation: String)
    /// The connection broke while the commit was in flight: the batch may or may not be recorded.
    case commitOutcomeUnknown(server: String)
    /// Other writers held the append lock for longer than the lock timeout.
    case busy(server: String)
    /// The server ran out of disk space.
    case diskFull(server: String)
    /// Text bound for a `text` column contains U+0000, which PostgreSQL cannot store.
    case textWithNUL(field: String)
    /// A stored value cannot be read back.
    case unreadableValue(server: String, what: String)
    /// The store was closed.
    case closed(server: String)
    /// Another server error, by SQLSTATE and what the store was doing.
    case postgres(server: String, sqlState: String, operation: String)

    /// One line of facts, without secrets or values. (The CLI adds the fix.)
    public var description: String {
        switch self {
        case .invalidURL(let reason): "the store URL is not usable: \(reason)"
        case .unreachable(let server, let reason): "cannot reach PostgreSQL at \(server) (\(reason))"
        case .authenticationFailed(let server): "PostgreSQL at \(server) refused the login"
        case .databaseNotFound(let server): "the database of \(server) does not exist"
        case .tooManyConnections(let server): "PostgreSQL at \(server) has no free connection slot"
        case .permissionDenied(let server, let operation):
            "the PostgreSQL role may not do what \(operation) \(server) needs"
        case .newerSchema(let server, let found, let known):
            "the store at \(server) has schema version \(found) but this channel-ledger knows \(known)"
        case .noStore(let server): "no channel-ledger store at \(server)"
        case .notAStore(let server): "\(server) already holds tables that are not a channel-ledger store"
        case .connectionLost(let server, let operation):
            "the connection to PostgreSQL at \(server) was lost while \(operation) it"
        case .commitOutcomeUnknown(let server):
            "the connection to PostgreSQL at \(server) was lost during a commit: the batch may or may not be recorded"
        case .busy(let server):
            "other writers held the append lock of \(server) for longer than the lock timeout"
        case .diskFull(let server): "PostgreSQL at \(server) is out of disk space"
        case .textWithNUL(let field):
            "the \(field) contains the character U+0000, which PostgreSQL cannot store in text"
        case .unreadableValue(let server, let what): "the store at \(server) holds an unreadable \(what)"
        case .closed(let server): "the store at \(server) is closed"
        case .postgres(let server, let sqlState, let operation):
            "PostgreSQL error \(sqlState)\(Self.name(of: sqlState).map { " (\($0))" } ?? "") while \(operation) \(server)"
        }
    }

    /// The condition name of a few SQLSTATE codes the store can meet (never the server's message).
    static func name(of sqlState: String) -> String? {
        switch sqlState {
        case "23505": "unique_violation"
        case "23503": "foreign_key_violation"
        case "23514": "check_violation"
        case "40001": "serialization_failure"
        case "40P01": "deadlock_detected"
        case "42P01": "undefined_table"
        case "42703": "undefined_column"
        case "54000": "program_limit_exceeded"
        case "57014": "query_canceled"
        case "22021": "character_not_in_repertoire"
        case "25P02": "in_failed_sql_transaction"
        default: nil
        }
    }

    /// Refuses text that PostgreSQL cannot hold before anything is sent.
    static func requireNoNUL(_ text: String, _ field: String) throws(PostgresStoreError) {
        if text.utf8.contains(0) { throw .textWithNUL(field: field) }
    }
}
