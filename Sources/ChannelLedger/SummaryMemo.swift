import Foundation

/// Channel summaries recently read or written, kept decoded beside their exact bytes.
///
/// A summary is reused only when the stored bytes are identical to those it was decoded from
/// (or encoded to), so the memo can never serve a stale value, whoever wrote the document; it
/// only spares decoding the same bytes again, which dominates rebuilds of channel-heavy logs.
final class SummaryMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (data: Data, summary: ChannelSummary)] = [:]
    private let capacity: Int

    /// A memo of at most `capacity` summaries (it is emptied when full).
    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The summary decoded from exactly these bytes, if remembered.
    func summary(_ key: String, for data: Data) -> ChannelSummary? {
        lock.withLock {
            guard let entry = entries[key], entry.data == data else { return nil }
            return entry.summary
        }
    }

    /// Remembers that these bytes hold this summary.
    func remember(_ key: String, _ data: Data, _ summary: ChannelSummary) {
        lock.withLock {
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = (data, summary)
        }
    }
}
