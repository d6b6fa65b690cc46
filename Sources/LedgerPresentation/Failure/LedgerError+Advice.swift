import ChannelDomain
import ChannelLedger

extension LedgerError: Advised {
    /// One line saying what is wrong and how to fix it.
    public var advice: String {
        switch self {
        case .storeMissing(let path):
            "no store at \(shown(path)); run `\(Fix.initialize)` first (or pass \(Fix.storePath))"
        case .unsupportedStoreLocation(let location):
            "\(quoted(location)) is not a store location this build opens; give a file path (SQLite) or a postgres:// URL"
        case .storeNotInitialized(let path):
            "the store at \(shown(path)) holds no ledger yet (an `init`, `import` or `restore` into it did not finish); "
                + "run that command again, or `\(Fix.initialize(store: path))` for a new ledger"
        case .channelNotFound(let name):
            "no channel named \(quoted(name)); see `\(Fix.list)`"
        case .orderNotFound(let id):
            "no order \(quoted(id)) was received; see `\(Fix.ordersList)`"
        case .emptyWebhookPassword(let subscription):
            "the password for webhook subscription \(quoted(subscription)) is empty; type the one the auth profile in Buy with Prime uses"
        case .invalidCustomerID(let id):
            "\(quoted(id)) is not a Buy with Prime customer id (bwpCustomerId: 1 to 200 characters, no spaces); see `\(Fix.ordersList) --json`"
        case .invalidLimit(let limit):
            "--limit \(limit) is not a page size; give a number of 1 or more"
        case .unknownTransport(let name, let known):
            "unknown transport \(quoted(name)); use one of: \(known.joined(separator: ", "))"
        case .conflictAfterRetries(let stream, let attempts):
            "\(stream) kept changing under other writers (\(attempts) attempts); run the command again"
        case .authorizationRejected(let subject, let service, let code, let message):
            "\(service.rawValue) rejected the credentials of \(subject.phrase) (\(code): \(message)); the failure is recorded; \(subject.fix)"
        case .chainBroken(let chainBreak):
            chainBreak.advice
        case .cannotCreateFolder(let folder):
            "cannot create the folder \(shown(folder)); create it yourself or choose another \(Fix.store)"
        case .demoNeedsFreshStore(let path):
            "the demo only runs on a new store, and \(shown(path)) exists; pass a \(Fix.store) path that does not exist yet"
        case .unexpected(let type):
            "unexpected failure (\(type)); run again with \(Fix.debugLog) and report it"
        case .importRefused(let line, let reason):
            "import refused at line \(line): \(reason); nothing was written"
        case .importFileChanged(let line, let imported):
            "the file changed while it was being imported (at line \(line)); the store holds it up to position \(imported); import again from a file nothing writes to"
        case .importUnreadable(let line, let reason):
            "import refused at line \(line): \(reason); import a file written by `\(Fix.export)` (nothing was written)"
        case .importNewerEvent(let line, let reason):
            "import refused at line \(line): \(reason); upgrade channel-ledger, then import again (nothing was written)"
        case .importGap(let from, let head):
            "the file starts at position \(from) but the store ends at \(head); import an export taken \(Fix.since) \(head) (nothing was written)"
        case .importDiverges(let line, let position):
            "line \(line) differs from the store's event at position \(position): the file is another log; import into a new \(Fix.store) (nothing was written)"
        case .importBehind(let fileEnd, let head):
            "the store already holds events up to position \(head), past the file's end (\(fileEnd)); nothing to import"
        case .importRaced(let line, let imported):
            "another process wrote to the store during the import (at line \(line)); the store holds the file up to position \(imported); import into a store nothing else uses"
        case .importKeyConflict(let line, let subject, let imported):
            "the store already holds a different key for \(subject) than the file's line \(line) carries; the store holds the file up to position \(imported); import a whole export into a new store"
        case .backupNotFound(let path):
            "no backup at \(shown(path)); check the path of the file `\(Fix.backup)` wrote"
        case .notABackup(let path):
            "\(shown(path)) is not a channel-ledger backup (not a store file); check the path of the file `\(Fix.backup)` wrote"
        case .restoreNeedsSQLite:
            "restore turns a SQLite backup into a SQLite store; restore PostgreSQL with pg_restore (see Docs/postgres.md)"
        case .importFileMissing(let path):
            "no file at \(shown(path)); give the path of a file `\(Fix.export)` wrote"
        case .storeIsFolder(let path):
            "\(shown(path)) is a folder, not a store; give --store the path of a store file, such as \(shown((path.hasSuffix("/") ? path : path + "/") + "ledger.sqlite"))"
        case .importFileIsFolder(let path):
            "\(shown(path)) is a folder; give the path of a file `\(Fix.export)` wrote"
        case .fileUnreadable(let path):
            "cannot read \(shown(path)); check its permissions"
        case .exportTargetExists(let path):
            "\(shown(path)) exists; export to a new file (nothing was written)"
        case .exportUnwritable(let path, let reason?):
            "cannot create \(shown(path)) (\(reason)); check the folder is writable (nothing was written)"
        case .exportUnwritable(let path, nil):
            "cannot write \(shown(path)); check the folder exists and is writable"
        case .exportStartOutOfRange(let since, let head):
            "\(Fix.since) \(since) is not a position of the log; use 0 to \(head) (the head)"
        case .asOfPastHead(let position, let head):
            "\(Fix.asOf) @\(position) is past the head of the log (position \(head)); use @0 to @\(head)"
        case .backupTargetExists(let path):
            "\(shown(path)) exists; back up to a new file (the existing file was not touched)"
        case .backupFolderMissing(let folder):
            "the folder \(shown(folder)) does not exist; create it (mkdir -p) or back up to another folder"
        case .restoreTargetExists(let path):
            "\(shown(path)) exists; restore into a new \(Fix.store) path (the existing store was not touched)"
        case .malformedFieldAssignment(let text):
            "\(Fix.fieldFlag) \(shown(text)) needs the form SF_FIELD=SOURCE (or SF_FIELD= to unassign)"
        case .backupNeedsSQLite:
            "backup copies SQLite stores; back up PostgreSQL with pg_dump (see Docs/postgres.md)"
        case .projectionNewer(let name, let stored, let code):
            "projection \(name) was built by a newer channel-ledger (version \(stored); this one builds \(code)); upgrade channel-ledger"
        case .transportUnusable(let name, let reason):
            "transport \(name) cannot be used: \(reason); see `\(Fix.transportsList)`"
        case .publisherBusy(let holder, let until):
            "another publisher is at work (\(holder), its lease runs until \(until.rfc3339)); nothing was done; run `\(Fix.publish)` again once it has finished"
        case .publisherLeaseLost(let holder):
            "this pass's publisher lease ran out and another publisher took it (\(holder)); what this pass published before is recorded; run `\(Fix.publish)` again once that one has finished"
        case .connectedAppRevoked(let code, let message):
            "Salesforce refused the connected app (\(code): \(message)), so its authorization has ended (recorded); publishing, launching and resuming channels wait until you run `\(Fix.registerConnectedAppFully)` again"
        case .singleAccountLedger(let path):
            "\(shown(path)) is a single-account ledger (format 0); run `\(Fix.upgrade(store: path))`"
        case .newerLedgerFormat(let path, let format):
            "\(shown(path)) is a format-\(format) ledger, newer than this channel-ledger reads (format \(Ledger.currentFormat)); upgrade channel-ledger"
        case .orderChannelNotLive(let orderId, let channel, let status):
            "order \(quoted(orderId)) cannot go to channel \(quoted(channel)): orders only go to live channels; "
                + Self.makeLive(channel, status) + "choose a live one with `\(Fix.list)`"
        case .orderAlreadyAssociated(let orderId, let channel):
            "order \(quoted(orderId)) is already associated with channel \(quoted(channel)); move it with `\(Fix.reassociate(orderId))`"
        case .inconsistentUpcasters(let problem):
            "this build of channel-ledger is inconsistent: \(problem); report it"
        case .eventNotFound(let position, let head):
            head == 0
                ? "no event at position \(position): the log is empty"
                : "no event at position \(position); positions run from 1 to \(head)"
        case .unknownProjection(let name, let known):
            "no projection named \(quoted(name)); the projections are: \(known.joined(separator: ", "))"
        case .connectedAppMissing:
            "no connected app is registered; run `\(Fix.registerConnectedAppFully)`"
        }
    }

    /// How a channel that is not live becomes live, ending in ", or " (nothing for an archived one).
    private static func makeLive(_ channel: String, _ status: ChannelStatus) -> String {
        switch status {
        case .suspended: "resume it with `\(Fix.resume(channel))`, or "
        case .archived: "it is archived for good, so "
        case .draft, .authorized, .ready, .live: "launch it with `\(Fix.launch(channel))`, or "
        }
    }
}

extension RejectedSubject {
    /// Whose credentials, as a sentence names them.
    var phrase: String {
        switch self {
        case .connectedApp: "the connected app"
        case .channel(let name): "channel \(quoted(name))"
        }
    }

    /// What to do after the rejection.
    var fix: String {
        switch self {
        case .connectedApp:
            "check the consumer key, secret and My Domain and run `\(Fix.registerConnectedApp)` again"
        case .channel:
            "enter the right ones with `\(Fix.enterCredentialsBare)`, then `\(Fix.authorizeBare)`"
        }
    }
}
