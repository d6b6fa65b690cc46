import ChannelLedgerTesting
import Foundation
import Testing

@testable import EventSourcing

@Suite struct UUIDv7Tests {
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
        let time = Timestamp(millisecondsSince1970: 0x0192_F3A0_1234)
        var generator = SplitMix(state: 1)
        var sequence = UUIDv7.Monotonic()
        for id in [UUIDv7.make(at: time, using: &generator), sequence.next(at: time, using: &generator)] {
            #expect(Array(Self.bytes(id)[0..<6]) == [0x01, 0x92, 0xF3, 0xA0, 0x12, 0x34])
            #expect(id.uuidString.hasPrefix("0192F3A0-1234-7"))
        }
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

    @Test func idsOfOneMillisecondSortInTheOrderTheyWereMade() {
        var sequence = UUIDv7.Monotonic()
        var generator = SplitMix(state: 3)
        let time = Timestamp(millisecondsSince1970: 1_764_387_887_000)
        let ids = (0..<10_000).map { _ in sequence.next(at: time, using: &generator) }
        let bytes = ids.map(Self.bytes)
        #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        #expect(bytes.allSatisfy { $0[6] >> 4 == 7 && $0[8] >> 6 == 0b10 })
        #expect(ids.allSatisfy { $0.uuidString.hasPrefix("019ACDB6-9798-7") })
    }

    @Test func aClockThatStepsBackStillGivesIncreasingIds() {
        var sequence = UUIDv7.Monotonic()
        var generator = SplitMix(state: 5)
        let times: [Int64] = [5_000, 5_000, 4_000, 6_000, 1, 6_000, 6_001]
        let bytes = times.map { Self.bytes(sequence.next(at: Timestamp(millisecondsSince1970: $0), using: &generator)) }
        #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        #expect(bytes[2][0..<6] == bytes[1][0..<6], "the earlier time keeps the last millisecond")
        #expect(bytes[6][5] == bytes[3][5] + 1)
    }

    @Test func aFullCounterMovesToTheNextMillisecond() {
        let ms: UInt64 = 0x0192_F3A0_1234
        var sequence = UUIDv7.Monotonic(milliseconds: ms, counter: (1 << 42) - 2)
        var generator = SplitMix(state: 9)
        let ids = (0..<3).map { _ in
            Self.bytes(sequence.next(at: Timestamp(millisecondsSince1970: Int64(ms)), using: &generator))
        }
        #expect(Array(ids[0][0..<6]) == [0x01, 0x92, 0xF3, 0xA0, 0x12, 0x34])
        #expect(ids[0][6] == 0x7f && ids[0][7] == 0xff && ids[0][8] == 0xbf, "the counter's last value")
        #expect(Array(ids[1][0..<6]) == [0x01, 0x92, 0xF3, 0xA0, 0x12, 0x35], "one more moves to the next millisecond")
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
    }

    @Test func theProcessWideSequenceIsStrictlyIncreasingAcrossTasks() async {
        let time = Timestamp(millisecondsSince1970: 1_000_000)
        let batches = await withTaskGroup(of: [UUID].self) { group in
            for _ in 0..<8 { group.addTask { (0..<1_000).map { _ in UUIDv7.make(at: time) } } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for batch in batches {
            let bytes = batch.map(Self.bytes)
            #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        }
        #expect(Set(batches.joined()).count == 8_000)
    }

    @Test func timesBefore1970OrBeyond48BitsAreClamped() {
        var sequence = UUIDv7.Monotonic()
        var generator = SplitMix(state: 11)
        let early = Self.bytes(sequence.next(at: Timestamp(millisecondsSince1970: -5_000), using: &generator))
        #expect(Array(early[0..<6]) == [0, 0, 0, 0, 0, 0])
        let late = Self.bytes(sequence.next(at: Timestamp(millisecondsSince1970: .max), using: &generator))
        #expect(Array(late[0..<6]) == [0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
        #expect(early.lexicographicallyPrecedes(late))
    }
}
