import EventSourcing
import Foundation

/// Summaries (channels', orders') recently read or written, kept decoded beside their exact bytes.
///
/// A summary is reused only when the stored bytes are identical to those it was decoded from
/// (or encoded to), so the memo can never serve a stale value, whoever wrote the document; it
/// only spares decoding the same bytes again, which dominates rebuilds of channel-heavy logs.
final class SummaryMemo<Summary: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (data: Data, summary: Summary)] = [:]
    private let capacity: Int

    /// A memo of at most `capacity` summaries (it is emptied when full).
    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The summary decoded from exactly these bytes, if remembered.
    func summary(_ key: String, for data: Data) -> Summary? {
        lock.withLock {
            guard let entry = entries[key], entry.data == data else { return nil }
            return entry.summary
        }
    }

    /// Remembers that these bytes hold this summary.
    func remember(_ key: String, _ data: Data, _ summary: Summary) {
        lock.withLock {
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = (data, summary)
        }
    }
}

extension SummaryMemo where Summary: Decodable {
    /// The summary these bytes hold: remembered, or decoded and remembered.
    func decode(_ key: String, _ data: Data, with decoder: CompactDecoder) throws -> Summary {
        if let summary = summary(key, for: data) { return summary }
        let summary = try decoder.decode(Summary.self, from: data)
        remember(key, data, summary)
        return summary
    }
}
