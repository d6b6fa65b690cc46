import ChannelDomain
import ChannelLedger
import ChannelLedgerTesting
import EventSourcing
import EventStoreSQLite
import Foundation
import Testing

/// `projections rebuild` on a large generated log, interrupted twice (Ctrl-C, then SIGKILL) and resumed.
///
/// The size scales with CHANNEL_LEDGER_REBUILD_TEST_CHANNELS and _ROUNDS (the default, about
/// 23,000 events, keeps CI quick; 1,000 × 300 gives the million-event run of Docs/performance.md).
@Suite struct RebuildCLITests {
    static let projection = LedgerProjection().name

    @Test func aRebuildKilledTwiceResumesAndEqualsTheInlineModels() async throws {
        let cli = try CLI()
        try #require(cli("init").status == 0)
        let environment = ProcessInfo.processInfo.environment
        let generator = ChannelLogGenerator(
            channels: environment["CHANNEL_LEDGER_REBUILD_TEST_CHANNELS"].flatMap(Int.init) ?? 200,
            rounds: environment["CHANNEL_LEDGER_REBUILD_TEST_ROUNDS"].flatMap(Int.init) ?? 35)
        let store = try SQLiteEventStore.open(at: cli.store, projections: LedgerService.projections)
        let values = try await generator.generate(into: store)
        let head = try await store.head()
        let inline = try await Self.capture(store, values)
        let listed = try cli("channels", "list", "--json").stdout
        // Damage the live models, so a swap that changed nothing could not pass.
        try cli.sqlite3(
            cli.store, "DELETE FROM claims; DELETE FROM documents WHERE model = 'channel' AND key < '1';", writing: true
        )
        let damaged = try cli("channels", "list", "--json").stdout
        #expect(damaged != listed)

        // First run: interrupted as Ctrl-C would, once it has staged a batch or more.
        let batch = max(200, Int(head.position) / 40)
        let first = try await cli.killOnceStaged(
            ["projections", "rebuild", "--restart", "--batch-size", "\(batch)"], projection: Self.projection,
            in: store, signal: SIGINT)
        #expect(first > 0 && first < head.position, "killed midway")
        #expect(try cli("channels", "list", "--json").stdout == damaged, "readers still see the live models")
        let status = try cli("projections", "status", "--json").array()
        let rebuild = try #require(status.first?["rebuild"] as? [String: Any])
        #expect(rebuild["position"] as? Int == Int(first))

        // Second run resumes where the first stopped, and is killed further on.
        let second = try await cli.killOnceStaged(
            ["projections", "rebuild", "--batch-size", "\(batch)"], projection: Self.projection, in: store,
            beyond: first + Int64(batch))
        #expect(second > first)

        // Third run finishes from there: both projections from one read of the log, which resumes
        // where the less advanced one stopped (a kill between the two stagings of a batch leaves
        // one a batch behind the other).
        var resume = Int64.max
        for projection in LedgerService.projections {
            resume = min(resume, try await store.stagedRebuild(projection.name)?.position ?? 0)
        }
        #expect(resume <= second && resume >= second - Int64(batch))
        let finish = try cli("projections", "rebuild", "--batch-size", "\(batch)")
        #expect(finish.status == 0, "\(finish)")
        #expect(finish.stderr.contains("resuming at position \(resume)"), "\(finish.stderr)")
        #expect(finish.stdout.contains("up to position \(head.position)"))
        #expect(try await store.stagedRebuild(Self.projection) == nil)
        #expect(try await Self.capture(store, values) == inline, "equal to the inline projection")
        #expect(try cli("channels", "list", "--json").stdout == listed)
        let after = try #require(try cli("projections", "status", "--json").array().first)
        #expect(after["state"] as? String == "current" && after["lag"] as? Int == 0)
        #expect(after["checkpoint"] as? Int == Int(head.position))
        #expect(try cli("verify").status == 0)
    }

    /// Every summary document and the owner of every name and target ID the log used.
    static func capture(_ reader: any ReadModelReader, _ values: ChannelLogGenerator.Values) async throws
        -> ReadModelCapture
    {
        try await ReadModelCapture(
            of: reader, models: LedgerProjection().models,
            claims: [
                ReadModels.channelNameClaim: values.names.map(ChannelName.key),
                ReadModels.targetIDClaim: values.targetIDs,
            ])
    }
}
