import ChannelDomain
import EventSourcing
import Transport

/// Errors of the application layer: the facts of what went wrong (which store, channel, line,
/// position). The executable's edge turns them into one line with the fix (`FailureReport`).
public enum LedgerError: ClassifiedError, Equatable {
    /// No store file exists at the path.
    case storeMissing(path: String)
    /// The store path names a folder, not a store file.
    case storeIsFolder(String)
    /// The store file exists but was never initialized (it has no `LedgerInitialized`).
    case storeNotInitialized(path: String)
    /// A location that is a URL of a kind no store of this build opens (`mysql://…`, `file://…`).
    case unsupportedStoreLocation(String)
    /// No channel has this name or id.
    case channelNotFound(String)
    /// The named transport is not wired in; `known` lists those that are.
    case unknownTransport(String, known: [String])
    /// Other writers kept changing the stream through every attempt of the command.
    case conflictAfterRetries(stream: String, attempts: Int)
    /// A service rejected credentials; the failure is recorded.
    case authorizationRejected(subject: RejectedSubject, service: Service, code: String, message: String)
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
    /// An import file holds an event this version cannot fold (a newer version wrote it); nothing was written.
    case importNewerEvent(line: Int, reason: String)
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
    /// The file to import is a folder.
    case importFileIsFolder(String)
    /// A file to read exists but cannot be opened.
    case fileUnreadable(String)
    /// `export` was pointed at a file that exists (or appeared while it wrote).
    case exportTargetExists(String)
    /// `export` cannot create or link its file; `reason` is the system's, when there is one.
    case exportUnwritable(String, reason: String?)
    /// `export --since` names no position of the log.
    case exportStartOutOfRange(Int64, head: Int64)
    /// `--as-of @N` names a position past the head.
    case asOfPastHead(Int64, head: Int64)
    /// `backup` was pointed at a file that exists.
    case backupTargetExists(String)
    /// The folder `backup` was to write in does not exist.
    case backupFolderMissing(String)
    /// `restore` was pointed at a store that exists.
    case restoreTargetExists(String)
    /// A mapping field assignment is not `SF_FIELD=SOURCE`.
    case malformedFieldAssignment(String)
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

    /// No order with this Buy with Prime id was received.
    case orderNotFound(String)
    /// A page size below 1.
    case invalidLimit(Int)
    /// A webhook subscription's password was empty.
    case emptyWebhookPassword(subscription: String)
    /// A customer id that cannot name a stream (empty, whitespace, over 200 characters).
    case invalidCustomerID(String)
    /// The store already holds another key for a subject an import file's key line (at `line`)
    /// carries; the store holds the file up to `imported`.
    case importKeyConflict(line: Int, subject: String, imported: Int64)
    /// A transport found outside the build cannot be used (its process failed to start or to
    /// answer its handshake, or speaks another protocol).
    case transportUnusable(String, reason: String)
    /// Another process holds the publisher lease until `until`.
    case publisherBusy(holder: String, until: Timestamp)
    /// The pass's lease ran out and another publisher took it; what the pass recorded before stays.
    case publisherLeaseLost(holder: String)
    /// Salesforce refused the connected app in force; its authorization ended (recorded).
    case connectedAppRevoked(code: String, message: String)
    /// The store is a single-account ledger (format 0): only `upgrade` and the log's own commands work on it.
    case singleAccountLedger(path: String)
    /// The store is in a ledger format newer than this build reads.
    case newerLedgerFormat(path: String, format: Int)
    /// An order cannot go to the channel named: it is not live; `status` says what it is instead.
    case orderChannelNotLive(orderId: String, channel: String, status: ChannelStatus)
    /// An order is associated with the channel named already: it moves by `orders reassociate`.
    case orderAlreadyAssociated(orderId: String, channel: String)

    /// Whether an import failed because of its file (unreadable, not chaining, cut short, holding
    /// two keys for a subject): what a store created for it is removed for. Not a race with
    /// another writer, whose events the store keeps.
    var isImportFileRefusal: Bool {
        switch self {
        case .importRefused, .importUnreadable, .importNewerEvent, .importDiverges, .importGap, .importBehind,
            .importKeyConflict:
            true
        default: false
        }
    }

    /// The failure class each case maps to, and so the command's exit code.
    public var failureClass: FailureClass {
        switch self {
        case .storeMissing, .channelNotFound, .connectedAppMissing, .eventNotFound, .backupNotFound, .orderNotFound:
            .notFound
        case .invalidLimit, .emptyWebhookPassword, .invalidCustomerID: .usage
        case .notABackup: .storeOrKey
        case .importRefused, .importFileChanged: .verifyFailed
        case .importGap, .importDiverges, .importBehind, .backupNeedsSQLite, .importUnreadable, .importNewerEvent,
            .restoreNeedsSQLite:
            .refused
        case .importFileMissing: .notFound
        case .importFileIsFolder, .storeIsFolder: .usage
        case .importRaced: .conflict
        case .importKeyConflict: .refused
        case .storeNotInitialized, .cannotCreateFolder: .storeOrKey
        case .demoNeedsFreshStore: .refused
        case .unexpected, .inconsistentUpcasters: .internalError
        case .projectionNewer, .singleAccountLedger, .newerLedgerFormat: .storeOrKey
        case .transportUnusable: .unavailable
        case .publisherBusy, .publisherLeaseLost: .conflict
        case .orderChannelNotLive, .orderAlreadyAssociated: .refused
        case .connectedAppRevoked: .rejected
        case .unknownTransport, .unknownProjection, .malformedFieldAssignment, .unsupportedStoreLocation: .usage
        case .fileUnreadable, .exportTargetExists, .exportUnwritable, .exportStartOutOfRange, .asOfPastHead,
            .backupTargetExists, .backupFolderMissing, .restoreTargetExists:
            .usage
        case .conflictAfterRetries: .conflict
        case .authorizationRejected: .rejected
        case .chainBroken: .verifyFailed
        }
    }
}

/// Whose credentials a service rejected.
public enum RejectedSubject: Sendable, Equatable {
    /// The Salesforce connected app.
    case connectedApp
    /// The channel of this name.
    case channel(String)
}
