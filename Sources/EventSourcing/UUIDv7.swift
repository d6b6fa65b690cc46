import Foundation

/// Time-ordered UUIDs (RFC 9562 version 7): ids made close in time sort close together,
/// so the log's event-id index grows at its end instead of at random pages.
///
/// Ids made by one process also sort in the order they were made, within a millisecond too
/// (RFC 9562 §6.2, method 1: a 42-bit counter after the timestamp, seeded at random on each new
/// millisecond): a batch of events stamped with the same time would otherwise scatter its ids
/// over the index. The last 32 bits are random; within a millisecond they come from a generator
/// seeded from the system's with the counter, so a burst of ids costs no system call per id.
public enum UUIDv7 {
    /// A version-7 UUID for a millisecond timestamp and a source of randomness (no counter: ids
    /// made in the same millisecond sort at random).
    public static func make(at time: Timestamp, using generator: inout some RandomNumberGenerator) -> UUID {
        let counter = (generator.next() as UInt64) >> 22
        return layout(milliseconds: UInt64(bitPattern: time.millisecondsSince1970), counter: counter, generator.next())
    }

    /// The next id of this process for a time (default now): greater than every id it made
    /// before, so a time earlier than one already used gets that later millisecond.
    public static func make(at time: Timestamp = Timestamp(Date())) -> UUID {
        shared.next(at: time)
    }

    /// The process-wide sequence behind ``make(at:)``.
    private static let shared = ProcessSequence()

    /// Ids that increase strictly in the order they are made, even for equal times or a clock
    /// that steps back (the sequence keeps its last millisecond until time passes it).
    public struct Monotonic: Sendable {
        private var milliseconds: UInt64 = 0
        private var counter: UInt64 = 0
        /// SplitMix64 state for the random bits of the ids of the current millisecond.
        private var state: UInt64 = 0

        /// The last millisecond 48 bits hold (year 10889); times outside 1970 … then are clamped.
        static let latestMillisecond: Int64 = (1 << 48) - 1

        /// The largest counter value; one more moves the id to the next millisecond.
        static let counterLimit: UInt64 = (1 << 42) - 1

        /// A sequence that has made no id yet.
        public init() {}

        /// A sequence that last made an id at `milliseconds` with `counter` (tests start it near the limit).
        init(milliseconds: UInt64, counter: UInt64) {
            self.milliseconds = milliseconds
            self.counter = counter
        }

        /// The next id for `time`, greater than the previous one.
        public mutating func next(at time: Timestamp, using generator: inout some RandomNumberGenerator) -> UUID {
            let now = UInt64(clamping: min(max(time.millisecondsSince1970, 0), Self.latestMillisecond))
            if now > milliseconds {
                milliseconds = now
                seed(&generator)
            } else if counter < Self.counterLimit {
                counter += 1
            } else {
                milliseconds += 1
                seed(&generator)
            }
            return UUIDv7.layout(milliseconds: milliseconds, counter: counter, splitMix())
        }

        /// A fresh counter, random with its top bit clear (room for 2^41 more ids in the
        /// millisecond), and a fresh state for the random bits.
        private mutating func seed(_ generator: inout some RandomNumberGenerator) {
            counter = (generator.next() as UInt64) >> 23
            state = generator.next()
        }

        /// The next SplitMix64 output.
        private mutating func splitMix() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Lays out 48 bits of milliseconds, the version, 42 bits of counter, the variant and 32 random bits.
    static func layout(milliseconds ms: UInt64, counter: UInt64, _ random: UInt64) -> UUID {
        let c = counter & Monotonic.counterLimit
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: ms >> (40 - 8 * UInt64(i))) }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: c >> 38 & 0x0f)
        bytes[7] = UInt8(truncatingIfNeeded: c >> 30)
        bytes[8] = 0x80 | UInt8(truncatingIfNeeded: c >> 24 & 0x3f)
        bytes[9] = UInt8(truncatingIfNeeded: c >> 16)
        bytes[10] = UInt8(truncatingIfNeeded: c >> 8)
        bytes[11] = UInt8(truncatingIfNeeded: c)
        for i in 12..<16 { bytes[i] = UInt8(truncatingIfNeeded: random >> (8 * UInt64(i - 12))) }
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// ``Monotonic`` shared by every task of the process, behind a lock.
    private final class ProcessSequence: @unchecked Sendable {
        private let lock = NSLock()
        private var monotonic = Monotonic()
        private var generator = SystemRandomNumberGenerator()

        func next(at time: Timestamp) -> UUID {
            lock.withLock { monotonic.next(at: time, using: &generator) }
        }
    }
}
