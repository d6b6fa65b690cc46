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

    /// Imports an export into the store at `location`, creating it when there is none, and
    /// reports its progress to `progress` (then the rebuild's, if any, to the configuration's).
    ///
    /// A store this call creates is written in one pass, each chunk once its lines are checked,
    /// and removed again when the file is refused or nothing was written, so a refused file leaves
    /// nothing behind (decision 31); a store that exists is written only once the whole file is
    /// checked. Whatever else stops an import (a kill, an interruption, another writer) leaves
    /// what was written, and running it again resumes.
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
                if empty || (error as? LedgerError)?.isImportFileRefusal == true {
                    await configuration.stores.discard(location)
                }
            }
            throw error
        }
    }

    /// Reads an export into the store, checking every line (positions continue the store's head,
    /// every hash recomputes from the bytes and chains, the file ends where its header says) and
    /// refusing a file that does not, naming its first bad line: with `checkingFirst`, before
    /// anything is written (``ImportPlan/verify(path:head:progress:)``); without, as each chunk is
    /// written, for a store the caller removes when the file is refused. ``ImportWriter`` writes
    /// (skipping what the store holds, and stopped by a racing writer); a large import into an
    /// empty store (``leavesReadModelsToARebuild(writing:into:)``) rebuilds the read models beside
    /// its writing (``ImportRebuild``, decision 28).
    public static func importLog(
        from path: String, into store: any EventStore, checkingFirst: Bool = true,
        progress: (ImportProgress) -> Void = { _ in }
    ) async throws -> TransferSummary {
        let head = try await store.head()
        let plan =
            checkingFirst
            ? try await ImportPlan.verify(path: path, head: head, progress: progress)
            : try ImportPlan.announced(path: path, head: head)
        var writer = ImportWriter(store: store, head: head, plan: plan, checkingFirst: checkingFirst)
        if Self.leavesReadModelsToARebuild(writing: plan.last.position - head.position, into: head) {
            // Read models are rebuilt in large batches rather than kept event by event: an import
            // at append speed (decision 28), fed the chunks it writes instead of reading them back.
            try await store.invalidate(projections)
            writer.rebuild = await ImportRebuild.start(projections, in: store)
        }
        // A resumed import with nothing left to write reports no writing.
        let writing = plan.last.position > head.position ? progress : { _ in }
        var report = ImportProgress(
            phase: .writing, position: head.position, end: plan.last.position, startedAt: head.position, done: false)
        writing(report)
        var reader = try LineReader(path: path)
        defer { reader.close() }
        _ = try reader.next()  // the header, checked by the plan
        do {
            try await ExportEntries.forEach(&reader, version: plan.version) { parsed in
                guard try await writer.take(parsed) else { return }
                report.position = head.position + writer.written
                writing(report)
            }
            try await writer.finish(lineAfterLast: reader.lineNumber + 1)
        } catch let error as LedgerError where error.isImportFileRefusal && !checkingFirst {
            throw try await writer.refusal(error)
        } catch {
            // The chunk in flight ends first; its own failure (a race, say) came first.
            if let earlier = await writer.settled() { throw earlier }
            throw error
        }
        report.position = head.position + writer.written
        report.done = true
        writing(report)
        if !plan.forgotten.isEmpty { _ = try? await store.scrub() }  // forgotten keys leave the files too
        let written = writer.written
        return TransferSummary(
            events: written, positions: written > 0 ? (head.position + 1)...(head.position + written) : nil,
            head: plan.last)
    }
}
