import ChannelDomain
@_spi(Testing) import ChannelLedger
import EventSourcing
import Foundation
import LedgerWiring
import Testing

/// `--as-of TIME` from snapshots on a log whose clock goes back once, just before a mark: a fold
/// starts only from a mark every event up to which was recorded by then.
@Suite struct AsOfTimePointTests {
    static let start: Int64 = 1_800_000_000_000
    let service: LedgerService

    /// One channel renamed 4,999 times: event N recorded at `start + N s`, except event 2,047,
    /// recorded half a second after event 2,048 (the mark): a writer whose clock ran ahead.
    init() async throws {
        let store = InMemoryEventStore(projections: LedgerService.projections)
        let id = UUIDv7.make()
        var changes: [ChannelEvent] = [
            .created(ChannelCreated(channelId: id, name: "Shop 0", catalogVersion: 1, transport: "sandbox"))
        ]
        for index in 1..<5_000 {
            changes.append(.renamed(ChannelRenamed(from: "Shop \(index - 1)", to: "Shop \(index)")))
        }
        let events = try changes.enumerated().map { offset, change in
            let position = Int64(offset + 1)
            let seconds = position == 2_047 ? 2_048_500 : position * 1_000
            return NewEvent(
                id: UUIDv7.make(), type: change.wireName, schemaVersion: type(of: change.payload).schemaVersion,
                recordedAt: Timestamp(millisecondsSince1970: Self.start + seconds),
                payload: try change.payload.encoded(),
                metadata: EventMetadata(actor: "clock", source: "cli"))
        }
        try await store.append(events, to: Streams.channel(id), expected: .noStream)
        service = LedgerService.make(
            store: store, location: "memory",
            configuration: LedgerConfiguration(transports: TransportRegistry([]), stores: SQLiteStoreProvider()))
    }

    func at(_ milliseconds: Int64) -> PointInLog { .time(Timestamp(millisecondsSince1970: Self.start + milliseconds)) }

    /// The position the answer includes and the channel's name then.
    func answer(_ point: PointInLog) async throws -> (Int64, String?) {
        let (view, position) = try await service.asOf(point)
        return (position, try await view.channels().first?.state.name)
    }

    @Test func aTimeIsTheLogUpToTheFirstEventRecordedAfterItWhicheverMarkIsNear() async throws {
        _ = try await service.asOf(.position(5_000))
        let marks = try await (service.store as! any SnapshotKeeping).snapshotMarks()
        #expect(marks.map(\.position) == [2_048, 4_096])
        #expect(
            marks.first?.latestTime.millisecondsSince1970 == Self.start + 2_048_500, "the latest time, not the last")

        #expect(try await answer(at(2_048_000)) == (2_046, "Shop 2045"), "event 2,047 is recorded after it")
        #expect(try await answer(at(2_048_499)) == (2_046, "Shop 2045"))
        #expect(try await answer(at(2_048_500)) == (2_048, "Shop 2047"), "every event up to the mark")
        #expect(try await answer(at(3_000_000)) == (3_000, "Shop 2999"), "between marks")
        #expect(try await answer(at(4_096_000)) == (4_096, "Shop 4095"), "at a mark's latest time")
        #expect(try await answer(at(999)) == (0, nil), "before every event")
        #expect(try await answer(at(10_000_000)) == (5_000, "Shop 4999"))
    }
}
