import EventSourcing
import Foundation

/// The writing pass of an import: takes the file's entries in order, checks each event line
/// against the chain, holds key lines until the event sealed under them, and appends the events
/// the store lacks in chunks of ``chunkSize``, each only if the log still ends where the one
/// before left it. A chunk is appended while the lines of the next one are checked (one chunk in
/// flight at a time, each started once the one before it is written), so the store's time and the
/// file's overlap.
///
/// After a first pass (`checkingFirst`), a line that no longer checks means the file changed
/// since (`importFileChanged`); without one, the line is refused as the first pass would refuse
/// it, naming it.
struct ImportWriter {
    /// Events per chunk, each chunk one transaction.
    static let chunkSize = 2_000

    let store: any EventStore
    /// The store's head when the import started.
    let head: LogHead
    let plan: ImportPlan
    let checkingFirst: Bool
    /// The rebuild fed each chunk written, when the import leaves the read models to one.
    var rebuild: ImportRebuild?
    /// Events written so far.
    private(set) var written: Int64 = 0

    private var verifier: HashChain.Verifier
    private var pending: [RecordedEvent] = []
    private var pendingKeys: [UUID: SubjectKey] = [:]
    private var firstPendingLine = 0
    private var held: [String: (key: SubjectKey, line: Int)] = [:]
    private var keyLines: [String: Int] = [:]
    /// The chunk being appended, and its events.
    private var inFlight: (append: Task<Void, any Error>, events: [RecordedEvent])?

    init(store: any EventStore, head: LogHead, plan: ImportPlan, checkingFirst: Bool) {
        self.store = store
        self.head = head
        self.plan = plan
        self.checkingFirst = checkingFirst
        verifier = HashChain.Verifier(from: plan.previous)
    }

    /// Takes one entry of the file; returns whether a chunk was started (``written`` then counts
    /// the chunks before it).
    mutating func take(_ parsed: ExportEntries.Parsed) async throws -> Bool {
        if case .success(.key(let key)) = parsed.entry {
            held[key.subject] = (key, parsed.line)
            return false
        }
        let event: RecordedEvent
        do {
            guard let checked = try ImportPlan.checked(parsed, by: &verifier, head: head) else { return false }
            event = checked
        } catch  where !checkingFirst {
            throw error
        } catch {
            // The first pass read this line as it is: the file changed since. The chunk in flight
            // ends first (its own failure came first), so the position said is what the store holds.
            if let earlier = await settled() { throw earlier }
            throw LedgerError.importFileChanged(line: parsed.line, imported: head.position + written)
        }
        var key = KeyUse.subject(of: event).flatMap { held.removeValue(forKey: $0) }
        // A key the file forgets later is never written (a key used after the forgetting is a new one).
        if let subject = key?.key.subject, let forgotten = plan.forgotten[subject], forgotten > event.position {
            key = nil
        }
        guard event.position > head.position else { return false }
        if pending.isEmpty { firstPendingLine = parsed.line }
        pending.append(event)
        if let key {
            pendingKeys[event.id] = key.key
            keyLines[key.key.subject] = key.line
        }
        guard pending.count == Self.chunkSize else { return false }
        try await flush()
        return true
    }

    /// Checks that the file ended where the plan says (`line` is the one after its last), writes
    /// the last chunk, and swaps in the read models rebuilt beside the writing.
    mutating func finish(lineAfterLast line: Int) async throws {
        try await settle()
        if checkingFirst {
            guard verifier.head == plan.last else {
                throw LedgerError.importFileChanged(line: line, imported: head.position + written)
            }
        } else {
            try ImportPlan.checkEnd(of: verifier, announced: plan.last, head: head, line: line)
        }
        try await flush()
        try await settle()
        await rebuild?.complete()
    }

    /// What to throw for a refusal of the file in one pass, whose store the caller removes: the
    /// refusal, unless another process wrote to the store since the last chunk (a race, whose
    /// events must stay).
    mutating func refusal(_ error: LedgerError) async throws -> LedgerError {
        // The chunk in flight was started before the refused line was read: its own failure
        // (a race, say) came first.
        if let earlier = await settled() { throw earlier }
        guard try await store.head().position == head.position + written else {
            return .importRaced(line: firstPendingLine, imported: head.position + written)
        }
        return error
    }

    /// Starts appending the pending events as one chunk, with the keys first used by them, once
    /// the chunk in flight is written.
    private mutating func flush() async throws {
        try await settle()
        guard let first = pending.first else { return }
        let (store, batches) = (store, ImportPlan.batches(of: pending, keys: pendingKeys))
        let (line, lines, imported) = (firstPendingLine, keyLines, head.position + written)
        let append = Task {
            do {
                try await store.append(batches: batches, atHead: first.position - 1)
            } catch EventStoreError.headMoved {
                throw LedgerError.importRaced(line: line, imported: imported)
            } catch EventStoreError.subjectKeyConflict(let subject) {
                throw LedgerError.importKeyConflict(line: lines[subject] ?? line, subject: subject, imported: imported)
            }
        }
        inFlight = (append, pending)
        pending.removeAll(keepingCapacity: true)
        pendingKeys.removeAll(keepingCapacity: true)
        keyLines.removeAll(keepingCapacity: true)
    }

    /// Waits for the chunk in flight, if any, and counts it written (staging it for the rebuild).
    private mutating func settle() async throws {
        guard let (append, events) = inFlight else { return }
        inFlight = nil
        try await append.value
        written += Int64(events.count)
        await rebuild?.stage(events)
    }

    /// Waits for the chunk in flight, if any: nil once it is written, else why it was not. An
    /// import that stops for any reason waits here first, so nothing writes once it has returned.
    mutating func settled() async -> (any Error)? {
        do {
            try await settle()
            return nil
        } catch {
            return error
        }
    }
}
