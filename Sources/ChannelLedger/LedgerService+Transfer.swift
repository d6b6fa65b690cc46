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
