import EventStorePostgres
import EventStoreSQLite

extension SQLiteStoreError: Advised {
    /// The store's facts with the fix; never SQL text or bound values.
    public var advice: String {
        switch self {
        case .notFound(let path):
            "no store at \(shown(path)); run `\(Fix.initialize)` (or pass \(Fix.store))"
        case .alreadyExists(let path):
            "a file already exists at \(shown(path)); use it as the store, or pass another \(Fix.store) path to init"
        case .notAStore(let path):
            "\(shown(path)) is not a channel-ledger store; check \(Fix.store), or move the file away and run `\(Fix.initialize)`"
        case .unfinished(let path):
            "the store at \(shown(path)) was left unfinished by an interrupted `init`, `import` or `restore`; "
                + "run that command again (it starts the store afresh)"
        case .directoryNotFound(let folder):
            "the folder \(shown(folder)) does not exist; create it first (mkdir -p) or pass another \(Fix.store) path"
        case .newerSchema(let path):
            "the store at \(shown(path)) was written by a newer channel-ledger; upgrade channel-ledger to use it"
        case .permissionDenied(let path):
            "no permission to read and write \(shown(path)) (or \(shown(path)).lock); check the owner and mode of both"
        case .busy(let path):
            "the store at \(shown(path)) stayed locked by other processes; retry in a moment"
        case .diskFull(let path):
            "the disk holding \(shown(path)) is full; free some space and retry (nothing was written)"
        case .corrupt(let path):
            "the store at \(shown(path)) is damaged; restore it from a backup, then run `\(Fix.verify)`"
        case .unreadableValue:
            "\(description); run `\(Fix.verify)`"
        case .sqlite:
            "\(description); retry, and run `\(Fix.verify)` if it persists"
        case .fileSystem:
            description
        }
    }
}

extension PostgresStoreError: Advised {
    /// The store's facts with the fix; never SQL text, bound values or the server's message.
    public var advice: String {
        switch self {
        case .invalidURL(let reason):
            "the store URL is not usable: \(reason); expected postgres://user[:password]@host[:port]/database[?schema=NAME]"
        case .unreachable(let server, let reason):
            "cannot reach PostgreSQL at \(server) (\(reason)); check that the server runs and accepts connections there"
        case .authenticationFailed(let server):
            "PostgreSQL at \(server) refused the login; check the user and the password (in the URL or PGPASSWORD)"
        case .databaseNotFound(let server):
            "the database of \(server) does not exist; create it (createdb) or fix the URL"
        case .tooManyConnections(let server):
            "PostgreSQL at \(server) has no free connection slot; run fewer processes or raise max_connections"
        case .permissionDenied(let server, let operation):
            "the PostgreSQL role may not do what \(operation) \(server) needs; grant it (see Docs/postgres.md, roles)"
        case .newerSchema:
            "\(description); upgrade channel-ledger to use it"
        case .noStore(let server):
            "no channel-ledger store at \(server); run `\(Fix.initialize(store: "URL"))` first (or fix the database or ?schema= in the URL)"
        case .notAStore(let server):
            "\(server) already holds tables that are not a channel-ledger store; use another database or ?schema=NAME"
        case .connectionLost:
            "\(description); nothing was written; retry (the store reconnects)"
        case .commitOutcomeUnknown:
            "\(description); check `\(Fix.history)` before running the command again"
        case .busy:
            "\(description); retry in a moment"
        case .diskFull(let server):
            "PostgreSQL at \(server) is out of disk space; free some and retry (nothing was written)"
        case .textWithNUL:
            "\(description); remove it"
        case .unreadableValue:
            "\(description); run `\(Fix.verify)`"
        case .closed:
            description
        case .postgres:
            "\(description); retry, and run `\(Fix.verify)` if it persists"
        }
    }
}
