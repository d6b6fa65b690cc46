@_spi(Testing) import ChannelLedger
import ChannelLedgerTesting
import EventSourcing
import Foundation
import LedgerWiring
import Testing

/// Several projections rebuilt from one read of the log, each resuming from its own staging
/// checkpoint, end as the fold of the whole log.
@Suite struct RebuildTogetherTests {
    @Test func projectionsAtDifferentStagedPositionsEndAsTheFoldOfTheLog() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cl-together-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ledger.store").path
        // Written with no projection, so the models exist only once rebuilt.
        let bare = try await SQLiteStoreProvider().create(path, projections: []).0
        try await ChannelLogGenerator(channels: 40, rounds: 10).generate(into: bare)
        let store = try await SQLiteStoreProvider().open(path, projections: LedgerService.projections)
        let log = try await store.readAll(after: 0, limit: 100_000)
        #expect(log.count > 1_500, "several batches of 250")

        // The summary's rebuild got 600 events into its staging area before it stopped.
        let summary = LedgerService.projections[0]
        let owner = UUID()
        _ = try await store.startRebuild(summary, owner: owner, restart: true)
        try await store.stage(Array(log.prefix(600)), for: summary, owner: owner)

        var reports: [ProjectionRebuild.Progress] = []
        let positions = try await ProjectionRebuild(store: store, batchSize: 250).run(
            together: LedgerService.projections
        ) { reports.append($0) }
        #expect(positions == [log.last!.position, log.last!.position])
        #expect(reports.first?.startedAt == 0, "from the least advanced projection")
        #expect(reports.first?.projection == LedgerService.projections.map(\.name).joined(separator: " + "))
        #expect(reports.last?.done == true)

        let fold = InMemoryReadModels()
        for projection in LedgerService.projections { try projection.apply(log, to: fold) }
        #expect(try await AsOfSnapshotTests.dump(store) == AsOfSnapshotTests.dump(fold.snapshot()))
    }
}
