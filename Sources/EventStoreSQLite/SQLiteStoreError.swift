import Foundation
import GRDB

/// Why the SQLite store could not be used; each description is one line of facts.
///
/// Descriptions never include SQL text or bound values.
public enum SQLiteStoreError: Error, Equatable, CustomStringConvertible {
    /// There is no store file at the path.
    case notFound(String)
    /// `create` found a file already at the path.
    case alreadyExists(String)
    /// The file is not a channel-ledger store: not SQLite, or another application's database.
    case notAStore(String)
    /// The file was left by a `create` that stopped before the schema was in place (the process was
    /// killed): empty, or a database with no table and no application id. `create` starts it afresh.
    case unfinished(String)
    /// The folder meant to hold the store does not exist.
    case directoryNotFound(String)
    /// The store was migrated by a newer channel-ledger.
    case newerSchema(String)
    /// The process may not read or write the store (or its lock file).
    case permissionDenied(String)
    /// Other processes kept the store locked through every retry.
    case busy(String)
    /// The disk holding the store is full.
    case diskFull(String)
    /// The store file is damaged.
    case corrupt(String)
    /// A stored value cannot be read back (for example a malformed stream name).
    case unreadableValue(path: String, what: String)
    /// Another SQLite failure, by extended result code and what the store was doing.
    case sqlite(path: String, code: Int32, operation: String)
    /// A file-system call failed with an `errno`.
    case fileSystem(path: String, operation: String, errno: Int32)

    /// One line of facts naming the path; never SQL text or bound values. (The CLI adds the fix.)
    public var description: String {
        switch self {
        case .notFound(let path): "no store at \(path)"
        case .alreadyExists(let path): "a file already exists at \(path)"
        case .notAStore(let path): "\(path) is not a channel-ledger store"
        case .unfinished(let path): "the store at \(path) was left unfinished by an interrupted creation"
        case .directoryNotFound(let folder): "the folder \(folder) does not exist"
        case .newerSchema(let path): "the store at \(path) was written by a newer channel-ledger"
        case .permissionDenied(let path): "no permission to read and write \(path) (or \(path).lock)"
        case .busy(let path): "the store at \(path) stayed locked by other processes"
        case .diskFull(let path): "the disk holding \(path) is full"
        case .corrupt(let path): "the store at \(path) is damaged"
        case .unreadableValue(let path, let what): "the store at \(path) holds an unreadable \(what)"
        case .sqlite(let path, let code, let operation):
            "SQLite error \(code) (\(Self.meaning(of: code))) while \(operation) \(path)"
        case .fileSystem(let path, let operation, let errno):
            "could not \(operation) \(path): \(String(cString: strerror(errno)))"
        }
    }

    /// SQLite's generic text for a result code (never the statement's own message).
    static func meaning(of code: Int32) -> String {
        DatabaseError(resultCode: ResultCode(rawValue: code)).message ?? "unknown error"
    }

    /// The error to report for a failure while `operation`: SQLite errors are translated
    /// (dropping SQL and arguments), every other error passes through unchanged.
    static func translating(_ error: any Error, path: String, operation: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return busy(path)
        case .SQLITE_FULL: return diskFull(path)
        case .SQLITE_CORRUPT: return corrupt(path)
        case .SQLITE_NOTADB: return notAStore(path)
        case .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH: return permissionDenied(path)
        default: return sqlite(path: path, code: error.extendedResultCode.rawValue, operation: operation)
        }
    }
}
