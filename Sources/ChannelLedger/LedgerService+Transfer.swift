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
    /// `path`, or to stdout for `-`. The file appears whole or not at all (written aside, then renamed).
    public func export(to path: String, since: Int64 = 0) async throws -> TransferSummary {
        let head = try await store.head()
        guard since >= 0, since <= head.position else {
            throw LedgerError.invalidArgument(
                "--since \(since) is past the head of the log (position \(head.position)); use 0 to \(head.position)")
        }
        let previous =
            since == 0 ? HashChain.genesis : try await store.readAll(after: since - 1, limit: 1).first?.hash ?? Data()
        let sink = try ExportSink(path: path)
        do {
            try sink.write(
                LogExport.encode(
                    LogExport.Header(from: since + 1, previousHash: previous, exportedAt: Timestamp(Date()))))
            var written: Int64 = 0
            var chunk = Data()
            for try await event in store.events(after: since, batchSize: 5_000) {
                guard event.position <= head.position else { break }
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

    /// Reads an export into the store: every line is checked first (positions continue the
    /// store's head, every hash recomputes from the bytes and chains), and a file that does not
    /// verify is refused whole, naming its first bad line. Lines the store already holds (an
    /// import run again after an interruption) are checked against it and skipped.
    public static func importLog(from path: String, into store: any EventStore) async throws -> TransferSummary {
        let head = try await store.head()
        let plan = try await ImportPlan.verify(path: path, head: head)
        var reader = try LineReader(path: path)
        defer { reader.close() }
        _ = try reader.next()  // the header, checked by the plan
        var pending: [RecordedEvent] = []
        var written: Int64 = 0
        func flush() async throws {
            guard !pending.isEmpty else { return }
            var batches: [StreamBatch] = []
            for event in pending {
                let new = NewEvent(
                    id: event.id, type: event.type, schemaVersion: event.schemaVersion, recordedAt: event.recordedAt,
                    payload: event.payload, metadata: event.metadata)
                if let last = batches.last, last.stream == event.stream {
                    batches[batches.count - 1].events.append(new)
                } else {
                    batches.append(StreamBatch([new], to: event.stream, expected: .exact(event.version - 1)))
                }
            }
            let results = try await store.append(batches: batches)
            let positions = results.flatMap(\.positions)
            guard positions == pending.map(\.position) else {
                throw LedgerError.importRaced(line: plan.lineNumber(of: pending[0].position))
            }
            written += Int64(pending.count)
            pending.removeAll(keepingCapacity: true)
        }
        while let line = try reader.next() {
            let event = try LogExport.event(line)
            guard event.position > head.position else { continue }
            pending.append(event)
            if pending.count == 2_000 { try await flush() }
        }
        try await flush()
        let after = try await store.head()
        guard after.hash == plan.lastHash else {
            throw LedgerError.importRaced(line: reader.lineNumber)
        }
        return TransferSummary(
            events: written, positions: written > 0 ? (after.position - written + 1)...after.position : nil, head: after
        )
    }
}

/// The first pass of an import: reads the whole file, checking every line, before anything is written.
struct ImportPlan {
    /// The hash the log will end with.
    var lastHash: Data
    /// The position of the header's first event; line numbers follow from it.
    var from: Int64

    /// The file line holding a position (the header is line 1).
    func lineNumber(of position: Int64) -> Int { Int(position - from) + 2 }

    /// Checks the header and every line against the store's head; throws naming the first bad line.
    static func verify(path: String, head: LogHead) async throws -> ImportPlan {
        var reader = try LineReader(path: path)
        defer { reader.close() }
        guard let first = try reader.next() else {
            throw LedgerError.importRefused(line: 1, reason: "the file is empty")
        }
        let header: LogExport.Header
        do {
            header = try LogExport.header(first)
        } catch let error as LogExportError {
            throw LedgerError.importRefused(line: reader.lineNumber, reason: error.description)
        }
        guard let previous = Data(hex: header.previousHash) else {
            throw LedgerError.importRefused(line: reader.lineNumber, reason: "its previousHash is not hex")
        }
        guard header.from - 1 <= head.position else {
            throw LedgerError.importGap(from: header.from, head: head.position)
        }
        var verifier = HashChain.Verifier(from: LogHead(position: header.from - 1, hash: previous))
        if header.from - 1 == head.position, head.position > 0, previous != head.hash {
            throw LedgerError.importDiverges(line: reader.lineNumber, position: head.position)
        }
        while let line = try reader.next() {
            let event: RecordedEvent
            do {
                event = try LogExport.event(line)
                try verifier.check(event)
            } catch let error as LogExportError {
                throw LedgerError.importRefused(line: reader.lineNumber, reason: error.description)
            } catch let error as HashChain.ChainBreak {
                throw LedgerError.importRefused(line: reader.lineNumber, reason: error.description)
            } catch let error as StreamNameError {
                throw LedgerError.importRefused(line: reader.lineNumber, reason: error.description)
            }
            if event.position == head.position, event.hash != head.hash {
                throw LedgerError.importDiverges(line: reader.lineNumber, position: head.position)
            }
        }
        guard verifier.head.position >= head.position else {
            throw LedgerError.importBehind(fileEnd: verifier.head.position, head: head.position)
        }
        return ImportPlan(lastHash: verifier.head.hash, from: header.from)
    }
}

/// Where an export goes: a temporary file renamed into place at the end, or stdout.
private final class ExportSink {
    private let handle: FileHandle
    private let target: String?
    private let temporary: String?

    init(path: String) throws {
        if path == "-" {
            handle = .standardOutput
            target = nil
            temporary = nil
            return
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LedgerError.invalidArgument("\(path) exists; export to a new file (nothing was written)")
        }
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw LedgerError.invalidArgument("cannot write \(path); check the folder exists and is writable")
        }
        self.handle = handle
        self.target = path
        self.temporary = temporary
    }

    func write(_ data: Data) throws {
        guard !data.isEmpty else { return }
        try handle.write(contentsOf: data)
    }

    func finish() throws {
        guard let target, let temporary else { return }
        try handle.synchronize()
        try handle.close()
        guard link(temporary, target) == 0 else {
            unlink(temporary)
            throw LedgerError.invalidArgument(
                "\(target) appeared meanwhile; export to a new file (nothing was written)")
        }
        unlink(temporary)
    }

    func abandon() {
        guard let temporary else { return }
        try? handle.close()
        unlink(temporary)
    }
}
