import EventSourcing
import Foundation

/// The first pass of an import: reads the whole file, checking every line, before anything is written.
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
    static func verify(path: String, head: LogHead) async throws -> ImportPlan {
        var reader = try LineReader(path: path)
        defer { reader.close() }
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
        var verifier = HashChain.Verifier(from: previous)
        var forgotten: [String: Int64] = [:]
        try await ExportEntries.forEach(&reader, version: header.version) { parsed in
            let event: RecordedEvent
            do {
                guard case .event(let read) = try parsed.entry.get() else { return }
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
            if let subject = KeyUse.forgottenSubject(of: event) { forgotten[subject] = event.position }
        }
        guard verifier.head == LogHead(position: header.to, hash: lastHash) else {
            throw LedgerError.importRefused(
                line: reader.lineNumber + 1,
                reason:
                    "the file ends at position \(verifier.head.position) but its header announces \(header.to): it is cut short"
            )
        }
        guard verifier.head.position >= head.position else {
            throw LedgerError.importBehind(fileEnd: verifier.head.position, head: head.position)
        }
        return ImportPlan(previous: previous, last: verifier.head, version: header.version, forgotten: forgotten)
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
