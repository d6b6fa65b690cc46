import EventSourcing
import Foundation
import Testing

@Suite struct UUIDv7Tests {
    /// A deterministic generator for reproducible ids.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func bytes(_ id: UUID) -> [UInt8] {
        withUnsafeBytes(of: id.uuid) { Array($0) }
    }

    @Test func setsVersionAndVariantBits() {
        for _ in 0..<1_000 {
            let bytes = Self.bytes(UUIDv7.make())
            #expect(bytes[6] >> 4 == 7)
            #expect(bytes[8] >> 6 == 0b10)
        }
    }

    @Test func encodesTheMillisecondsBigEndian() {
        let id = UUIDv7.make(at: Timestamp(millisecondsSince1970: 0x0192_F3A0_1234))
        #expect(Array(Self.bytes(id)[0..<6]) == [0x01, 0x92, 0xF3, 0xA0, 0x12, 0x34])
        #expect(id.uuidString.hasPrefix("0192F3A0-1234-7"))
    }

    @Test func sortsByTime() {
        var generator = SplitMix(state: 42)
        let ids = (0..<500).map {
            UUIDv7.make(at: Timestamp(millisecondsSince1970: 1_764_387_887_000 + Int64($0) * 3), using: &generator)
        }
        let strings = ids.map(\.uuidString)
        #expect(strings == strings.sorted())
        #expect(Self.bytes(ids[0]).lexicographicallyPrecedes(Self.bytes(ids[1])))
        #expect(Set(ids).count == ids.count)
    }

    @Test func isDeterministicForAGenerator() {
        var first = SplitMix(state: 7), second = SplitMix(state: 7)
        let time = Timestamp(millisecondsSince1970: 1_000)
        #expect(UUIDv7.make(at: time, using: &first) == UUIDv7.make(at: time, using: &second))
        #expect(UUIDv7.make(at: time, using: &first) != UUIDv7.make(at: time, using: &first))
    }
}
