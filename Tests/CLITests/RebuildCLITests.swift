import ChannelDomain
import ChannelLedger
import ChannelLedgerTesting
import EventSourcing
import EventStoreSQLite
import Foundation
import Testing

/// `projections rebuild` on a large generated log, killed with SIGKILL twice and resumed.
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
        let names = try await generator.generate(into: store)
        let head = try await store.head()
        let inline = try await Self.models(of: store, names: names)
        let listed = try cli("channels", "list", "--json").stdout

        // First run: killed once it has staged a batch or more.
        let batch = max(200, Int(head.position) / 40)
        let first = try await killOnceStaged(
            cli, store, ["projections", "rebuild", "--restart", "--batch-size", "\(batch)"])
        #expect(first > 0 && first < head.position, "killed midway")
        #expect(try cli("channels", "list", "--json").stdout == listed, "readers still see the live models")
        let status = try cli("projections", "status", "--json").array()
        let rebuild = try #require(status.first?["rebuild"] as? [String: Any])
        #expect(rebuild["position"] as? Int == Int(first))

        // Second run resumes where the first stopped, and is killed further on.
        let second = try await killOnceStaged(
            cli, store, ["projections", "rebuild", "--batch-size", "\(batch)"], beyond: first + Int64(batch))
        #expect(second > first)

        // Third run finishes from there.
        let finish = try cli("projections", "rebuild", "--batch-size", "\(batch)")
        #expect(finish.status == 0, "\(finish)")
        #expect(finish.stderr.contains("resuming at position \(second)"), "\(finish.stderr)")
        #expect(finish.stdout.contains("up to position \(head.position)"))
        #expect(try await store.stagedRebuild(Self.projection) == nil)
        #expect(try await Self.models(of: store, names: names) == inline, "equal to the inline projection")
        #expect(try cli("channels", "list", "--json").stdout == listed)
        let after = try #require(try cli("projections", "status", "--json").array().first)
        #expect(after["state"] as? String == "current" && after["lag"] as? Int == 0)
        #expect(after["checkpoint"] as? Int == Int(head.position))
        #expect(try cli("verify").status == 0)
    }

    /// Starts the command and SIGKILLs it once the staging checkpoint passes `beyond`; returns
    /// the staged position the kill left behind.
    func killOnceStaged(_ cli: CLI, _ store: SQLiteEventStore, _ arguments: [String], beyond: Int64 = 0) async throws
        -> Int64
    {
        let (process, out, err) = try cli.start(arguments, direct: true)
        var staged: Int64 = 0
        while process.isRunning {
            staged = try await store.stagedRebuild(Self.projection)?.position ?? 0
            if staged > beyond { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let run = cli.finish(process, out, err)
        #expect(run.status != 0, "the rebuild finished before it could be killed: \(run)")
        return try await store.stagedRebuild(Self.projection)?.position ?? 0
    }

    struct Models: Equatable {
        var documents: [String: [ReadModelDocument]] = [:]
        var claims: [String: String] = [:]
    }

    static func models(of reader: any ReadModelReader, names: [String]) async throws -> Models {
        var models = Models()
        for model in LedgerProjection().models { models.documents[model] = try await reader.documents(model) }
        for name in names {
            models.claims[name] = try await reader.claimOwner(ReadModels.channelNameClaim, value: ChannelName.key(name))
        }
        return models
    }
}
