import Foundation

/// The typed payloads of the events this process made most recently, by event id, beside the
/// bytes they were encoded to.
///
/// The inline projections fold each event right after its command encoded it, and decoding those
/// bytes again was a large share of an append's work (Docs/performance.md, *Publishing, third
/// round*). ``EventCodec/decode(_:using:)`` takes the payload from here when the recorded event
/// has the same id, the same bytes and the current schema version of its type; anything else is
/// decoded. That is what decoding would give as long as every payload type round-trips: debug
/// builds decode on every hit and assert it, so every test that records an event checks it
/// (decision 32). Bounded: emptied when full, like the summary memos.
final class PayloadMemo: @unchecked Sendable {
    /// The memo ``NewEvent/init(id:payload:recordedAt:metadata:)`` fills and the codecs read.
    static let shared = PayloadMemo(capacity: 1_024)

    private let lock = NSLock()
    private var entries: [UUID: (bytes: Data, payload: any EventPayload)] = [:]
    private let capacity: Int

    /// A memo of at most `capacity` payloads.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Remembers that the event `id` carries `payload`, encoded as `bytes`.
    func remember(_ id: UUID, _ bytes: Data, _ payload: any EventPayload) {
        lock.withLock {
            if entries.count >= capacity, entries[id] == nil { entries.removeAll(keepingCapacity: true) }
            entries[id] = (bytes, payload)
        }
    }

    /// The payload of the event `id`, if remembered with exactly these bytes.
    func payload(_ id: UUID, bytes: Data) -> (any EventPayload)? {
        lock.withLock {
            guard let entry = entries[id], entry.bytes == bytes else { return nil }
            return entry.payload
        }
    }
}
