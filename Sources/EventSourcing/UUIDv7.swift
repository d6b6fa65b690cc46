import Foundation

/// Time-ordered UUIDs (RFC 9562 version 7): ids made close in time sort close together,
/// so the log's event-id index grows at its end instead of at random pages.
public enum UUIDv7 {
    /// A version-7 UUID for a millisecond timestamp and a source of randomness.
    public static func make(at time: Timestamp, using generator: inout some RandomNumberGenerator) -> UUID {
        let ms = UInt64(bitPattern: time.millisecondsSince1970)
        let random = generator.next() as UInt64
        let more = generator.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: ms >> (40 - 8 * UInt64(i))) }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: random >> 60 & 0x0f)
        bytes[7] = UInt8(truncatingIfNeeded: random >> 52)
        bytes[8] = 0x80 | UInt8(truncatingIfNeeded: random >> 46 & 0x3f)
        for i in 9..<16 { bytes[i] = UInt8(truncatingIfNeeded: more >> (8 * UInt64(i - 9))) }
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// A version-7 UUID for now, from the system's random generator.
    public static func make(at time: Timestamp = Timestamp(Date())) -> UUID {
        var generator = SystemRandomNumberGenerator()
        return make(at: time, using: &generator)
    }
}
