@_spi(Testing) import ChannelLedger
import ChannelLedgerTesting
import EventSourcing
import Foundation
import LedgerWiring
import Testing

/// `--as-of` from snapshots kept beside the log: every answer equals the fold of the log from its
/// first event to the point, whichever marks are kept, missing or written by another version.
@Suite struct AsOfSnapshotTests {
    let folder: URL
    let path: String
    let service: LedgerService
    let head: Int64

    /// A channel-heavy log of 120 channels (~8,700 events, so four marks) in a real SQLite file.
    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cl-asof-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("ledger.store").path
        let store = try await SQLiteStoreProvider().create(path, projections: LedgerService.projections).0
        try await ChannelLogGenerator(channels: 120, rounds: 20).generate(into: store)
        service = LedgerService.make(
            store: store, location: path,
            configuration: LedgerConfiguration(transports: TransportRegistry([]), stores: SQLiteStoreProvider()))
        head = try await store.head().position
    }

    var keeper: any SnapshotKeeping { service.store as! any SnapshotKeeping }

    /// Every document and claim of every projection's models, as a reader answers them.
    static func dump(_ reader: any ReadModelReader) async throws -> [String: [String]] {
        var dump: [String: [String]] = [:]
        for projection in LedgerService.projections {
            for model in projection.models {
                dump["d " + model] = try await reader.documents(model).map {
                    "\($0.key)=\($0.data.base64EncodedString())"
                }
            }
            for kind in projection.claimKinds {
                dump["c " + kind] = try await reader.claims(kind, prefix: "", after: nil, limit: .max)
                    .map { "\($0.value)=\($0.owner)" }
            }
        }
        return dump
    }

    /// The reference: the projections applied to the log from its first event up to the point.
    func fold(upTo point: PointInLog, of service: LedgerService? = nil) async throws -> [String: [String]] {
        let models = InMemoryReadModels()
        var events: [RecordedEvent] = []
        scan: for try await event in (service ?? self.service).store.events(after: 0, batchSize: 1_000) {
            switch point {
            case .position(let position): if event.position > position { break scan }
            case .time(let time): if event.recordedAt > time { break scan }
            }
            events.append(event)
        }
        for projection in LedgerService.projections { try projection.apply(events, to: models) }
        return try await Self.dump(models.snapshot())
    }

    func answer(_ point: PointInLog, of service: LedgerService? = nil) async throws -> [String: [String]] {
        try await Self.dump((service ?? self.service).asOf(point).service.readModels)
    }

    /// Given no snapshot, when the log is asked about at points before, at, between and after the
    /// marks, then each answer is the fold to that point, and the marks passed are kept.
    @Test func answersFromSnapshotsEqualTheFoldBeforeAtAndAfterAMark() async throws {
        #expect(head > 8_192 && head < 10_240, "four marks, every 2,048 positions")
        #expect(try await keeper.snapshotMarks().isEmpty)
        _ = try await service.asOf(.position(head))
        let marks = try await keeper.snapshotMarks()
        #expect(marks.map(\.position) == [2_048, 4_096, 6_144, 8_192], "kept by the first fold")
        #expect(marks.allSatisfy { $0.base == $0.position }, "every channel changes in every interval: all full")
        for position: Int64 in [0, 1, 2_047, 2_048, 2_049, 5_000, 8_191, 8_192, 8_193, head] {
            #expect(try await answer(.position(position)) == fold(upTo: .position(position)), "@\(position)")
        }
    }

    /// Given kept snapshots, when one is deleted, or every one was written by another version,
    /// then answers still equal the fold, and the marks are written again.
    @Test func aDeletedOrForeignSnapshotIsFoldedAgainAndKept() async throws {
        _ = try await service.asOf(.position(head))
        let kept = try await keeper.snapshotMarks()
        try ProjectionServiceTests.damage(
            path, "DELETE FROM snapshot_marks WHERE position = 4096")
        #expect(try await answer(.position(9_000)) == fold(upTo: .position(9_000)))
        let back = try await keeper.snapshotMarks()
        #expect(back == kept, "the deleted mark is back, the same: \(kept) \(back)")

        try ProjectionServiceTests.damage(
            path, "UPDATE snapshot_marks SET fingerprint = 'marks-v0 every 2048; channel 1'; DELETE FROM documents;")
        #expect(try await answer(.position(6_000)) == fold(upTo: .position(6_000)))
        let again = try await keeper.snapshotMarks()
        #expect(again.map(\.position) == [2_048, 4_096], "dropped, then kept again up to the point")
        #expect(again.allSatisfy { $0.fingerprint == kept[0].fingerprint })
        #expect(try await answer(.position(head)) == fold(upTo: .position(head)))
        #expect(try await keeper.snapshotMarks() == kept)
    }

    /// Given a log whose first part changes every channel in every interval and whose last part
    /// changes one, when it is asked about, then marks are full where the changes outnumber the rows
    /// and keep changes where few rows change, and every answer is the fold.
    @Test func fullMarksWhereEverythingChangesAndChangesWhereLittleDoes() async throws {
        try await ChannelLogGenerator(channels: 1, rounds: 1_500, prefix: "Quiet").generate(into: service.store)
        let head = try await service.store.head().position
        _ = try await service.asOf(.position(head))
        let marks = try await keeper.snapshotMarks()
        let full = marks.map { $0.base == $0.position }
        #expect(full.prefix(4) == [true, true, true, true] && full.dropFirst(4).contains(false), "\(marks)")
        let last = try #require(marks.last)
        #expect(last.base < last.position && last.carried > 0, "read from a full mark before it: \(last)")
        for position in [8_193, last.position - 1, last.position, last.position + 1, head] {
            #expect(try await answer(.position(position)) == fold(upTo: .position(position)), "@\(position)")
        }
    }

    /// Given three channels and then a long stretch that changes one of them, when the log is asked
    /// about, then a full mark comes once the changes kept outnumber the rows, and it holds the
    /// two channels that did not change in its interval as well as the one that did.
    @Test func aFullMarkHoldsTheRowsThatDidNotChange() async throws {
        let store = InMemoryEventStore(projections: LedgerService.projections)
        try await ChannelLogGenerator(channels: 3, rounds: 1).generate(into: store)
        try await ChannelLogGenerator(channels: 1, rounds: 2_500, prefix: "Quiet").generate(into: store)
        let quiet = LedgerService.make(
            store: store, location: "memory",
            configuration: LedgerConfiguration(transports: TransportRegistry([]), stores: SQLiteStoreProvider()))
        let head = await store.head().position
        _ = try await quiet.asOf(.position(head))
        let marks = await store.snapshotMarks()
        let full = try #require(marks.first { $0.base == $0.position && $0.position > 2_048 }, "\(marks)")
        #expect(marks.contains { $0.base < $0.position && $0.position < full.position }, "changes before it: \(marks)")
        for position in [full.position, full.position + 1, head] {
            #expect(
                try await answer(.position(position), of: quiet) == fold(upTo: .position(position), of: quiet),
                "@\(position)")
        }
    }

    /// Given kept snapshots, when a full mark is deleted, then a question past it folds from the
    /// mark before it, and the marks are written again as they were.
    @Test func aDeletedFullMarkIsFoldedAgainAndKept() async throws {
        _ = try await service.asOf(.position(head))
        let kept = try await keeper.snapshotMarks()
        let full = try #require(kept.first { $0.base == $0.position && $0.position > 2_048 })
        try ProjectionServiceTests.damage(path, "DELETE FROM snapshot_marks WHERE position = \(full.position)")
        for position in [full.position, full.position + 1, head] {
            #expect(try await answer(.position(position)) == fold(upTo: .position(position)), "@\(position)")
        }
        #expect(try await keeper.snapshotMarks() == kept, "the full mark is back, the same, and the chain after it")
    }

    /// Given snapshots, when the point is a time, then a fold starts only from a mark whose events
    /// were all recorded by then: the answer is the fold to the first event recorded later.
    @Test func aTimePointStartsFromAMarkRecordedByThen() async throws {
        let time = try #require(try await service.store.readAll(after: 0, limit: 1).first?.recordedAt)
        _ = try await service.asOf(.position(head))
        let before = PointInLog.time(Timestamp(millisecondsSince1970: time.millisecondsSince1970 - 1))
        #expect(try await answer(before) == fold(upTo: before))
        #expect(try await service.asOf(before).position == 0)
        #expect(try await answer(.time(time)) == fold(upTo: .position(head)))
    }
}
