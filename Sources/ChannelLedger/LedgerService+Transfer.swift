import ChannelDomain
import EventSourcing
import Foundation

/// What an export or import wrote.
public struct TransferSummary: Sendable, Equatable {
    /// Events written.
    public var events: Int64
    /// The first and last position written (nil when none).
    public var positions: ClosedRange<Int64>?
    /// The head of the store afterwards (for an export: the last event exported).
    public var head: LogHead
}

extension LedgerService {
    /// Writes the log after `since` as JSON lines (a header, then one envelope per line) to
    /// `path`, or to stdout for `-`. The file appears whole or not at all (written aside, then linked).
    /// Just before the first event of the file sealed under a subject key, a key line carries that
    /// key as the store holds it (sealed); a subject whose key is gone (forgotten) gets none.
    public func export(to path: String, since: Int64 = 0) async throws -> TransferSummary {
        let head = try await store.head()
        guard since >= 0, since <= head.position else {
            throw LedgerError.exportStartOutOfRange(since, head: head.position)
        }
        let previous =
            since == 0 ? HashChain.genesis : try await store.readAll(after: since - 1, limit: 1).first?.hash ?? Data()
        let header = LogExport.Header(
            after: LogHead(position: since, hash: previous), through: head, exportedAt: Timestamp(Date()))
        let sink = try ExportSink(path: path)
        do {
            try sink.write(LogExport.encode(header))
            var written: Int64 = 0
            var chunk = Data()
            var subjects: Set<String> = []
            for try await event in store.events(after: since, batchSize: 5_000) {
                guard event.position <= head.position else { break }
                // The key goes before the first event sealed under it: under a key forgotten since
                // (another key id), an event gets none.
                if let use = KeyUse.use(of: event), !subjects.contains(use.subject),
                    let sealed = try await store.subjectKey(use.subject),
                    use.keyId == nil || use.keyId == Vault.keyId(of: sealed)
                {
                    subjects.insert(use.subject)
                    chunk.append(
                        try LogExport.encode(LogExport.KeyLine(SubjectKey(subject: use.subject, sealed: sealed))))
                }
                chunk.append(try LogExport.encode(LogExport.Line(event)))
                written += 1
                if chunk.count >= 1 << 20 {
                    try sink.write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            try sink.write(chunk)
            try sink.finish()
            return TransferSummary(
                events: written, positions: written > 0 ? (since + 1)...head.position : nil, head: head)
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// Whether an import of `count` events into a store at `head` invalidates the read models and
    /// leaves them to a rebuild: into an empty store (a new one: no other process relies on its
    /// models, and none should write to it meanwhile), and at least one chunk (2,000 events) of
    /// them, below which keeping them inline costs less than a rebuild.
    static func leavesReadModelsToARebuild(writing count: Int64, into head: LogHead) -> Bool {
        head.position == 0 && count >= 2_000
    }

    /// Imports an export into the store at `location`, creating it when there is none. A store
    /// this call created is written as its lines are checked, in one pass, and removed again if
    /// the file is refused (a refused file leaves nothing behind, decision 31); an existing store
    /// is written only once the whole file checked. A store this call created is removed if the
    /// import fails before writing anything; otherwise what was written is kept, and the import
    /// resumes when run again (an interrupted one, a race with another writer).
    /// Reports its progress to `progress`, then the rebuild's to the configuration's.
    public static func importLog(
        from path: String, into location: String, configuration: LedgerConfiguration,
        progress: (ImportProgress) -> Void = { _ in }
    ) async throws -> (LedgerService, TransferSummary) {
        let (store, created) = try await configuration.stores.create(location, projections: projections)
        do {
            let summary = try await importLog(from: path, into: store, checkingFirst: !created, progress: progress)
            let service = try await open(at: location, configuration: configuration, formats: .any)
            return (service, summary)
        } catch {
            if created {
                let empty = (try? await store.head().position) == 0
                if empty || (error as? LedgerError)?.refusesTheImportFile == true {
                    await configuration.stores.discard(location)
                }
            }
            throw error
        }
    }

    /// Reads an export into the store: every line is checked (positions continue the store's
    /// head, every hash recomputes from the bytes and chains, the file ends where its header
    /// says), and a file that does not verify is refused naming its first bad line: whole, when
    /// `checkingFirst` (a first pass checks every line before anything is written), or from that
    /// line on, when not (each chunk is written once its lines are checked: for a store the
    /// caller discards when the file is refused). Lines the store already holds (an import run
    /// again after an interruption) are checked against it and skipped. Each chunk is appended only if the log still ends where the
    /// previous one left it, so a writer racing the import stops it before anything differs.
    /// A key line is held until the next event sealed under its subject and written in that
    /// event's batch; a key no later event uses, or one whose event the store holds, is not written.
    /// A large import into an empty store leaves the projections invalidated
    /// (``leavesReadModelsToARebuild(writing:into:)``): the caller rebuilds them, as `open` does.
    public static func importLog(
        from path: String, into store: any EventStore, checkingFirst: Bool = true,
        progress: (ImportProgress) -> Void = { _ in }
    ) async throws -> TransferSummary {
        let head = try await store.head()
        let plan =
            checkingFirst
            ? try await ImportPlan.verify(path: path, head: head, progress: progress)
            : try ImportPlan.announced(path: path, head: head)
        // Progress of the writing, when there is any to write.
        let writing = plan.last.position > head.position ? progress : { _ in }
        var report = ImportProgress(
            phase: .writing, position: head.position, end: plan.last.position, startedAt: head.position, done: false)
        writing(report)
        if Self.leavesReadModelsToARebuild(writing: plan.last.position - head.position, into: head) {
            // Read models are rebuilt in large batches by the next open (which `import` runs at
            // once) rather than kept event by event: an import at append speed (decision 28).
            try await store.invalidate(projections)
        }
        var reader = try LineReader(path: path)
        defer { reader.close() }
        _ = try reader.next()  // the header, checked by the plan
        var verifier = HashChain.Verifier(from: plan.previous)
        var pending: [RecordedEvent] = []
        var pendingKeys: [UUID: SubjectKey] = [:]
        var firstPendingLine = 0
        var held: [String: (key: SubjectKey, line: Int)] = [:]
        var keyLines: [String: Int] = [:]
        var written: Int64 = 0
        func flush() async throws {
            guard let first = pending.first else { return }
            do {
                try await store.append(
                    batches: ImportPlan.batches(of: pending, keys: pendingKeys), atHead: first.position - 1)
            } catch EventStoreError.headMoved {
                throw LedgerError.importRaced(line: firstPendingLine, imported: head.position + written)
            } catch EventStoreError.subjectKeyConflict(let subject) {
                throw LedgerError.importKeyConflict(
                    line: keyLines[subject] ?? firstPendingLine, subject: subject, imported: head.position + written)
            }
            written += Int64(pending.count)
            report.position = head.position + written
            writing(report)
            pending.removeAll(keepingCapacity: true)
            pendingKeys.removeAll(keepingCapacity: true)
            keyLines.removeAll(keepingCapacity: true)
        }
        try await ExportEntries.forEach(&reader, version: plan.version) { parsed in
            if case .success(.key(let key)) = parsed.entry {
                held[key.subject] = (key, parsed.line)
                return
            }
            let event: RecordedEvent
            do {
                guard let checked = try ImportPlan.checked(parsed, by: &verifier, head: head) else { return }
                event = checked
            } catch  where !checkingFirst {
                throw error
            } catch {
                // The first pass read this line as it is: the file changed since.
                throw LedgerError.importFileChanged(line: parsed.line, imported: head.position + written)
            }
            var key = KeyUse.subject(of: event).flatMap { held.removeValue(forKey: $0) }
            // A key the file forgets later is never written (a key used after the forgetting is a new one).
            if let subject = key?.key.subject, let forgotten = plan.forgotten[subject], forgotten > event.position {
                key = nil
            }
            guard event.position > head.position else { return }
            if pending.isEmpty { firstPendingLine = parsed.line }
            pending.append(event)
            if let key {
                pendingKeys[event.id] = key.key
                keyLines[key.key.subject] = key.line
            }
            if pending.count == 2_000 { try await flush() }
        }
        if checkingFirst {
            guard verifier.head == plan.last else {
                throw LedgerError.importFileChanged(line: reader.lineNumber + 1, imported: head.position + written)
            }
        } else {
            try ImportPlan.checkEnd(of: verifier, announced: plan.last, head: head, line: reader.lineNumber + 1)
        }
        try await flush()
        report.done = true
        writing(report)
        if !plan.forgotten.isEmpty { _ = try? await store.scrub() }  // forgotten keys leave the files too
        return TransferSummary(
            events: written, positions: written > 0 ? (head.position + 1)...(head.position + written) : nil,
            head: plan.last)
    }
}
