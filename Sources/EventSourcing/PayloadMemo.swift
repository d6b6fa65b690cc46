import Foundation

/// The typed payloads of the events this process made most recently, by event id, beside the
/// bytes they were encoded to.
///
/// The inline projections fold each event right after its command encoded it; decoding those
/// bytes again was a tenth of a publisher's append (an order summary's `OrderPublished`) and more
/// of intake's (`OrderReceived`). ``EventCodec/decode(_:using:)`` takes the payload from here
/// when the recorded event has the same id, the same bytes and the current schema version, so
/// it is what decoding would give (every payload type round-trips, and the codec tests check
/// it); anything else is decoded as before. Bounded: emptied when full, like the summary memos.
public final class PayloadMemo: @unchecked Sendable {
    /// The memo ``NewEvent/init(id:payload:recordedAt:metadata:)`` fills and the codecs read.
    public static let shared = PayloadMemo(capacity: 1_024)

    private let lock = NSLock()
    private var entries: [UUID: (bytes: Data, payload: any EventPayload)] = [:]
    private let capacity: Int

    /// A memo of at most `capacity` payloads.
    public init(capacity: Int) {
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
