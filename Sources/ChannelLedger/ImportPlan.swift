import ChannelDomain
import EventSourcing
import Foundation

/// What an import knows before it writes: where the file's chain starts and ends, its line
/// format, and the subjects it forgets. Into a store that exists, ``verify(path:head:progress:)``
/// makes it by checking every line first (`last` is then where the chain was found to end); into
/// a new one, ``announced(path:head:)`` reads the header and the lines that can forget a
/// customer (`last` is then what the header announces, which the writing pass checks).
struct ImportPlan {
    /// Where the file's chain starts: the position before its first event and that event's predecessor hash.
    var previous: LogHead
    /// Where the file's chain ends.
    var last: LogHead
    /// The file's line format (``LogExport/readableVersions``): from 2, lines may be key lines.
    var version: Int
    /// Subjects the file forgets (its `CustomerForgotten` events), with the position of the last
    /// time: a key used before that position is never written (one used after is a new key).
    var forgotten: [String: Int64] = [:]

    /// Checks the header and every line against the store's head; throws naming the first bad line.
    /// Key lines are checked for their shape only: keys are outside the chain.
    /// Reports its progress every window of lines.
    static func verify(path: String, head: LogHead, progress: (ImportProgress) -> Void = { _ in }) async throws
        -> ImportPlan
    {
        var reader = try LineReader(path: path)
        defer { reader.close() }
        let (previous, announced, version) = try header(&reader, head: head)
        var verifier = HashChain.Verifier(from: previous)
        var forgotten: [String: Int64] = [:]
        var report = ImportProgress(
            phase: .checking, position: previous.position, end: announced.position, startedAt: previous.position,
            done: false)
        progress(report)
        try await ExportEntries.forEach(&reader, version: version) { parsed in
            guard let event = try checked(parsed, by: &verifier, head: head) else { return }
            if let subject = KeyUse.forgottenSubject(of: event) { forgotten[subject] = event.position }
            if event.position % Int64(ExportEntries.window) == 0 {
                report.position = event.position
                progress(report)
            }
        }
        try checkEnd(of: verifier, announced: announced, head: head, line: reader.lineNumber + 1)
        report.position = verifier.head.position
        report.done = true
        progress(report)
        return ImportPlan(previous: previous, last: verifier.head, version: version, forgotten: forgotten)
    }

    /// The plan of an import that checks each line as it writes it: the header checked against
    /// the store's head, the chain's end as the header announces it (the writing pass checks the
    /// file reaches it, ``checkEnd(of:announced:head:line:)``), and the subjects the file forgets,
    /// from the lines that can name a `CustomerForgotten` event (those holding that name or a
    /// `\u` escape, which could spell it); a line of them that does not read is left to the
    /// writing pass, which names it.
    static func announced(path: String, head: LogHead) throws -> ImportPlan {
        var reader = try LineReader(path: path)
        defer { reader.close() }
        let (previous, announced, version) = try header(&reader, head: head)
        var forgotten: [String: Int64] = [:]
        let (name, escape) = (Array(CustomerForgotten.wireName.utf8), Array(#"\u"#.utf8))
        while let line = try reader.next() {
            guard line.contains(bytes: name) || line.contains(bytes: escape),
                case .event(let event)? = try? LogExport.entry(line, version: version),
                let subject = KeyUse.forgottenSubject(of: event)
            else { continue }
            forgotten[subject] = event.position
        }
        return ImportPlan(previous: previous, last: announced, version: version, forgotten: forgotten)
    }

    /// Reads and checks the header: where the file's chain starts and where it says it ends, and
    /// its line format. Throws when it is damaged, starts after the store's head, or differs from
    /// the store at its head.
    private static func header(_ reader: inout LineReader, head: LogHead) throws -> (
        previous: LogHead, announced: LogHead, version: Int
    ) {
        guard let first = try reader.next() else {
            throw LedgerError.importUnreadable(line: 1, reason: "the file is empty")
        }
        let header: LogExport.Header
        do {
            header = try LogExport.header(first)
        } catch let error as LogExportError {
            throw LedgerError.importUnreadable(line: reader.lineNumber, reason: error.description)
        }
        guard let previousHash = Data(hex: header.previousHash), previousHash.count == 32,
            let lastHash = Data(hex: header.lastHash), lastHash.count == 32, header.from >= 1,
            header.to >= header.from - 1
        else {
            throw LedgerError.importUnreadable(line: reader.lineNumber, reason: "its header is damaged")
        }
        let previous = LogHead(position: header.from - 1, hash: previousHash)
        guard previous.position <= head.position else {
            throw LedgerError.importGap(from: header.from, head: head.position)
        }
        if previous.position == head.position, previous.hash != head.hash {
            throw LedgerError.importDiverges(line: reader.lineNumber, position: head.position)
        }
        return (previous, LogHead(position: header.to, hash: lastHash), header.version)
    }

    /// The event of a parsed line once it reads and continues `verifier`'s chain (nil for a key
    /// line, whose shape is all that is checked); throws naming the line otherwise, or when the
    /// event at the store's head differs from the store's.
    static func checked(_ parsed: ExportEntries.Parsed, by verifier: inout HashChain.Verifier, head: LogHead) throws
        -> RecordedEvent?
    {
        let event: RecordedEvent
        do {
            guard case .event(let read) = try parsed.entry.get() else { return nil }
            event = read
        } catch let error as LogExportError {
            throw LedgerError.importUnreadable(line: parsed.line, reason: error.description)
        } catch let error as StreamNameError {
            throw LedgerError.importUnreadable(line: parsed.line, reason: error.description)
        }
        do {
            try verifier.check(event)
        } catch {
            throw LedgerError.importRefused(line: parsed.line, reason: String(describing: error))
        }
        if event.position == head.position, event.hash != head.hash {
            throw LedgerError.importDiverges(line: parsed.line, position: head.position)
        }
        if event.schemaVersion < 1, EventCatalog.folds(event.stream) {
            throw LedgerError.importUnreadable(
                line: parsed.line,
                reason:
                    "the event at position \(event.position) has schema version \(event.schemaVersion); versions start at 1"
            )
        }
        if let reason = EventCatalog.unreadable(event) {
            throw LedgerError.importNewerEvent(line: parsed.line, reason: reason)
        }
        return event
    }

    /// Throws unless the chain `verifier` followed ends where the header `announced` and at or
    /// after the store's head; `line` is the one after the file's last.
    static func checkEnd(of verifier: HashChain.Verifier, announced: LogHead, head: LogHead, line: Int) throws {
        guard verifier.head == announced else {
            throw LedgerError.importRefused(
                line: line,
                reason:
                    "the file ends at position \(verifier.head.position) but its header announces \(announced.position): it is cut short"
            )
        }
        guard verifier.head.position >= head.position else {
            throw LedgerError.importBehind(fileEnd: verifier.head.position, head: head.position)
        }
    }

    /// Events as one batch per run of consecutive events of a stream, each expecting the
    /// version before its first event, carrying the subject keys of its events (`keys`, by event
    /// id) and deleting the key of a customer one of them forgets.
    static func batches(of events: [RecordedEvent], keys: [UUID: SubjectKey] = [:]) -> [StreamBatch] {
        var batches: [StreamBatch] = []
        for event in events {
            let new = NewEvent(
                id: event.id, type: event.type, schemaVersion: event.schemaVersion, recordedAt: event.recordedAt,
                payload: event.payload, metadata: event.metadata)
            if let last = batches.last, last.stream == event.stream {
                batches[batches.count - 1].events.append(new)
            } else {
                batches.append(StreamBatch([new], to: event.stream, expected: .exact(event.version - 1)))
            }
            if let key = keys[event.id] { batches[batches.count - 1].keys.append(key) }
            if let subject = KeyUse.forgottenSubject(of: event) {
                batches[batches.count - 1].forgetting.append(subject)
            }
        }
        return batches
    }
}
