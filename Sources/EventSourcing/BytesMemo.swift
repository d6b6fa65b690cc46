import Foundation

/// Values recently decoded from, or encoded to, exact bytes, by key: the read models' summaries
/// (`SummaryMemo` in ChannelLedger) and the payloads of events this process made (``PayloadMemo``).
///
/// A value is given back only for the bytes it was remembered with, so the memo can never serve
/// a stale one, whoever wrote the bytes since; it only spares decoding the same bytes again.
/// Bounded: emptied when full.
package final class BytesMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Key: (bytes: Data, value: Value)] = [:]
    private let capacity: Int

    /// A memo of at most `capacity` values (it is emptied when full).
    package init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The value remembered for `key` with exactly these bytes, if any.
    package func value(_ key: Key, for bytes: Data) -> Value? {
        lock.withLock {
            guard let entry = entries[key], entry.bytes == bytes else { return nil }
            return entry.value
        }
    }

    /// Remembers that these bytes hold this value.
    package func remember(_ key: Key, _ bytes: Data, _ value: Value) {
        lock.withLock {
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = (bytes, value)
        }
    }
}

/// The typed payloads of the events this process made most recently, by event id, beside the
/// bytes they were encoded to.
///
/// The inline projections fold each event right after its command encoded it, and decoding those
/// bytes again was a large share of an append's work (Docs/performance.md, *Publishing, third
/// round*). ``EventCodec/decode(_:using:)`` takes the payload from here when the recorded event
/// has the same id, the same bytes and the current schema version of its type; anything else is
/// decoded. That is what decoding would give as long as every payload type round-trips: debug
/// builds decode on every hit and assert it, so every test that records an event checks it
/// (decision 32).
typealias PayloadMemo = BytesMemo<UUID, any EventPayload>

extension EventCodecs {
    /// The memo ``NewEvent/init(id:payload:recordedAt:metadata:)`` fills and the codecs read.
    static let recentPayloads = PayloadMemo(capacity: 1_024)
}
