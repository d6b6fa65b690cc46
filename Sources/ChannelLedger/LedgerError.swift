import ChannelDomain
import EventSourcing
import EventStoreSQLite
import Transport

/// Errors of the application layer, each one line that says what is wrong and how to fix it.
public enum LedgerError: ClassifiedError, Equatable {
    /// No store file exists at the path.
    case storeMissing(path: String)
    /// The store file exists but was never initialized (it has no `LedgerInitialized`).
    case storeNotInitialized(path: String)
    /// No channel has this name or id.
    case channelNotFound(String)
    /// A command that needs a transport was given none.
    case missingTransport
    /// The named transport is not wired in; `known` lists those that are.
    case unknownTransport(String, known: [String])
    /// Other writers kept changing the stream through every attempt of the command.
    case conflictAfterRetries(stream: String, attempts: Int)
    /// A service rejected credentials; the failure is recorded and `fix` says what to do next.
    case authorizationRejected(subject: String, service: String, code: String, message: String, fix: String)
    /// An argument cannot be used; the message says why and how to fix it.
    case invalidArgument(String)
    /// `verify` found the hash chain broken.
    case chainBroken(HashChain.ChainBreak)
    /// A command that needs the connected app ran before one was registered.
    case connectedAppMissing
    /// The folder for a new store could not be created.
    case cannotCreateFolder(String)
    /// `demo` was pointed at a store that already exists.
    case demoNeedsFreshStore(String)
    /// An error nothing else classifies, named by its type.
    case unexpected(String)
    /// An import file's chain does not verify; nothing was written.
    case importRefused(line: Int, reason: String)
    /// An import file is not an export this version can read; nothing was written.
    case importUnreadable(line: Int, reason: String)
    /// An import file starts after the store's head: events in between are missing.
    case importGap(from: Int64, head: Int64)
    /// An import file's events differ from the store's at the store's head.
    case importDiverges(line: Int, position: Int64)
    /// The store already holds more events than an import file.
    case importBehind(fileEnd: Int64, head: Int64)
    /// The import file changed between the check and the write; the store holds it up to `imported`.
    case importFileChanged(line: Int, imported: Int64)
    /// Another writer appended while an import ran; the store holds the file up to `imported`.
    case importRaced(line: Int, imported: Int64)
    /// No backup file where `restore` was told to look.
    case backupNotFound(String)
    /// The file given to `restore` is not a store file.
    case notABackup(String)
    /// `restore` writes SQLite stores only.
    case restoreNeedsSQLite
    /// The file `import` was given does not exist.
    case importFileMissing(String)
    /// Backups copy SQLite stores only.
    case backupNeedsSQLite
    /// A projection's live models were built by a newer version of channel-ledger.
    case projectionNewer(String, stored: Int, code: Int)
    /// The upcasters compiled in do not form complete chains.
    case inconsistentUpcasters(String)
    /// No event is recorded at this position.
    case eventNotFound(position: Int64, head: Int64)
    /// No registered projection has this name.
    case unknownProjection(String, known: [String])

    /// The failure class each case maps to, and so the command's exit code.
    public var failureClass: FailureClass {
        switch self {
        case .storeMissing, .channelNotFound, .connectedAppMissing, .eventNotFound, .backupNotFound: .notFound
        case .notABackup: .storeOrKey
        case .importRefused, .importFileChanged: .verifyFailed
        case .importGap, .importDiverges, .importBehind, .backupNeedsSQLite, .importUnreadable, .restoreNeedsSQLite:
            .refused
        case .importFileMissing: .notFound
        case .importRaced: .conflict
        case .storeNotInitialized, .cannotCreateFolder: .storeOrKey
        case .demoNeedsFreshStore: .refused
        case .unexpected, .inconsistentUpcasters: .internalError
        case .projectionNewer: .storeOrKey
        case .missingTransport, .unknownTransport, .invalidArgument, .unknownProjection: .usage
        case .conflictAfterRetries: .conflict
        case .authorizationRejected: .rejected
        case .chainBroken: .verifyFailed
        }
    }

    /// One line saying what is wrong and how to fix it.
    public var description: String {
        switch self {
        case .storeMissing(let path):
            "no store at \(path); run `channel-ledger init` first (or pass --store PATH)"
        case .storeNotInitialized(let path):
            "the store at \(path) was never initialized; run `channel-ledger init --store \(path)`"
        case .channelNotFound(let name):
            "no channel named \"\(name)\"; see `channel-ledger channels list`"
        case .missingTransport:
            "no live transport exists in this version yet; pass --transport sandbox"
        case .unknownTransport(let name, let known):
            "unknown transport \"\(name)\"; use one of: \(known.joined(separator: ", "))"
        case .conflictAfterRetries(let stream, let attempts):
            "\(stream) kept changing under other writers (\(attempts) attempts); run the command again"
        case .authorizationRejected(let subject, let service, let code, let message, let fix):
            "\(service) rejected the credentials of \(subject) (\(code): \(message)); the failure is recorded; \(fix)"
        case .invalidArgument(let message):
            message
        case .chainBroken(let chainBreak):
            "verify failed: \(chainBreak.description); first bad position \(chainBreak.position)"
        case .cannotCreateFolder(let folder):
            "cannot create the folder \(folder); create it yourself or choose another --store"
        case .demoNeedsFreshStore(let path):
            "the demo only runs on a new store, and \(path) exists; pass a --store path that does not exist yet"
        case .unexpected(let type):
            "unexpected failure (\(type)); run again with --log-level debug and report it"
        case .importRefused(let line, let reason):
            "import refused at line \(line): \(reason); nothing was written"
        case .importFileChanged(let line, let imported):
            "the file changed while it was being imported (at line \(line)); the store holds it up to position \(imported); import again from a file nothing writes to"
        case .importUnreadable(let line, let reason):
            "import refused at line \(line): \(reason); import a file written by `channel-ledger export` (nothing was written)"
        case .importGap(let from, let head):
            "the file starts at position \(from) but the store ends at \(head); import an export taken --since \(head) (nothing was written)"
        case .importDiverges(let line, let position):
            "line \(line) differs from the store's event at position \(position): the file is another log; import into a new --store (nothing was written)"
        case .importBehind(let fileEnd, let head):
            "the store already holds events up to position \(head), past the file's end (\(fileEnd)); nothing to import"
        case .importRaced(let line, let imported):
            "another process wrote to the store during the import (at line \(line)); the store holds the file up to position \(imported); import into a store nothing else uses"
        case .backupNotFound(let path):
            "no backup at \(path); check the path of the file `channel-ledger backup` wrote"
        case .notABackup(let path):
            "\(path) is not a channel-ledger backup (not a store file); check the path of the file `channel-ledger backup` wrote"
        case .restoreNeedsSQLite:
            "restore turns a SQLite backup into a SQLite store; restore PostgreSQL with pg_restore (see Docs/postgres.md)"
        case .importFileMissing(let path):
            "no file at \(path); give the path of a file `channel-ledger export` wrote"
        case .backupNeedsSQLite:
            "backup copies SQLite stores; back up PostgreSQL with pg_dump (see Docs/postgres.md)"
        case .projectionNewer(let name, let stored, let code):
            "projection \(name) was built by a newer channel-ledger (version \(stored); this one builds \(code)); upgrade channel-ledger"
        case .inconsistentUpcasters(let problem):
            "this build of channel-ledger is inconsistent: \(problem); report it"
        case .eventNotFound(let position, let head):
            head == 0
                ? "no event at position \(position): the log is empty"
                : "no event at position \(position); positions run from 1 to \(head)"
        case .unknownProjection(let name, let known):
            "no projection named \"\(name)\"; the projections are: \(known.joined(separator: ", "))"
        case .connectedAppMissing:
            "no connected app is registered; run `channel-ledger connected-app register --consumer-key KEY --my-domain URL --transport sandbox`"
        }
    }
}

/// Classifies any error the application can meet.
public func classify(_ error: any Error) -> (FailureClass, String) {
    switch error {
    case let error as any ClassifiedError:
        return (error.failureClass, error.description)
    case let error as DomainError:
        return (error.category == .notFound ? .notFound : .refused, error.description)
    case let error as TransportError:
        switch error {
        case .rejected: return (.rejected, error.description)
        case .unavailable: return (.unavailable, error.description + "; nothing was recorded")
        }
    case let error as EventStoreError:
        return (.conflict, error.description)
    case let error as SQLiteStoreError:
        switch error {
        case .notFound: return (.notFound, error.description)
        case .busy: return (.conflict, error.description)
        default: return (.storeOrKey, error.description)
        }
    case let error as EventCodecError:
        return (.storeOrKey, error.description)
    case let error as ProjectionRebuildError:
        if case .takenOver = error { return (.conflict, error.description) }
        return (.internalError, error.description)
    case let error as StreamNameError:
        return (.usage, error.description)
    case let error as HashChain.ChainBreak:
        return (.verifyFailed, LedgerError.chainBroken(error).description)
    default:
        return (.internalError, LedgerError.unexpected(String(describing: type(of: error))).description)
    }
}
