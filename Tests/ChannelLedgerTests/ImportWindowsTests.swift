import ChannelLedgerTesting
import EventSourcing
import Foundation
import LedgerWiring
import Testing

@_spi(Testing) @testable import ChannelLedger

/// An import parses its lines a window ahead, two halves at once (`ExportEntries`): what it
/// writes and the lines its errors name are those of reading the file line by line.
@Suite struct ImportWindowsTests {
    let folder: URL
    let export: String
    let source: any EventStore

    /// The export of a ~5,000-event log: more than two windows of 2,000 lines.
    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cl-windows-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        source = InMemoryEventStore(projections: LedgerService.projections)
        try await ChannelLogGenerator(channels: 40, rounds: 30).generate(into: source)
        export = folder.appendingPathComponent("log.jsonl").path
        let service = LedgerService.make(
            store: source, location: "memory",
            configuration: LedgerConfiguration(transports: TransportRegistry([]), stores: SQLiteStoreProvider()))
        _ = try await service.export(to: export)
    }

    func newStore(_ name: String) async throws -> any EventStore {
        try await SQLiteStoreProvider().create(folder.appendingPathComponent(name).path, projections: []).0
    }

    @Test func theImportedLogIsTheExportedOne() async throws {
        let head = try await source.head().position
        #expect(head > 4_000)
        let store = try await newStore("copy.store")
        let summary = try await LedgerService.importLog(from: export, into: store)
        #expect(summary.events == head)
        #expect(try await store.readAll(after: 0, limit: 10_000) == source.readAll(after: 0, limit: 10_000))
    }

    /// The read models of `store` (every projection's documents and claims) are the source's.
    func expectReadModelsOfTheSource(in store: any EventStore, _ comment: Comment) async throws {
        for projection in LedgerService.projections {
            for model in projection.models {
                #expect(try await store.documents(model) == source.documents(model), comment)
            }
            for kind in projection.claimKinds {
                let claims = try await store.claims(kind, prefix: "", after: nil, limit: 100_000)
                #expect(try await claims == source.claims(kind, prefix: "", after: nil, limit: 100_000), comment)
            }
        }
    }

    /// Given a large import into an empty store, then its read models are rebuilt beside its
    /// writing and swapped in when it ends: current at the head, nothing left staged, the source's.
    @Test func aLargeImportSwapsInTheModelsItRebuiltBesideItsWriting() async throws {
        let head = try await source.head().position
        let path = folder.appendingPathComponent("rebuilt.store").path
        let store = try await SQLiteStoreProvider().create(path, projections: LedgerService.projections).0
        _ = try await LedgerService.importLog(from: export, into: store, checkingFirst: false)
        let checkpoints = try await store.projectionCheckpoints()
        for projection in LedgerService.projections {
            #expect(
                checkpoints.first { $0.name == projection.name }
                    == ProjectionCheckpoint(name: projection.name, version: projection.version, position: head))
            #expect(try await store.stagedRebuild(projection.name) == nil)
        }
        try await expectReadModelsOfTheSource(in: store, "rebuilt beside the import")
    }

    /// Given another process taking a projection's rebuild over as the import starts writing, then
    /// the import still completes, leaves the models invalidated, and the next rebuild (what the
    /// next open runs) resumes them to the source's.
    @Test func aRebuildBesideTheImportThatIsTakenOverIsFinishedByTheNextRebuild() async throws {
        let path = folder.appendingPathComponent("taken.store").path
        let inner = try await SQLiteStoreProvider().create(path, projections: LedgerService.projections).0
        let orders = try #require(LedgerService.projections.last)
        let store = RacingStore(inner: inner, batches: true) {
            _ = try await inner.startRebuild(orders, owner: UUID(), restart: false)
        }
        _ = try await LedgerService.importLog(from: export, into: store, checkingFirst: false)
        let checkpoint = try await inner.projectionCheckpoints().first { $0.name == orders.name }
        #expect(checkpoint?.version == ProjectionCheckpoint.invalidatedVersion, "left to the next open")
        // What `open` runs for invalidated projections (this log has no ledger stream to open).
        try await ProjectionRebuild(store: inner).run(together: LedgerService.projections)
        try await expectReadModelsOfTheSource(in: inner, "finished by the next rebuild")
    }

    /// Progress: checking then writing (into a store that exists), writing only (one pass), each
    /// phase's positions rising to the file's end and reported done once; nothing of a writing
    /// that has nothing to write.
    @Test func progressIsReportedPhaseByPhaseToTheEnd() async throws {
        let head = try await source.head().position
        final class Reports: @unchecked Sendable {
            var all: [ImportProgress] = []
        }
        for checkingFirst in [true, false] {
            let reports = Reports()
            let store = try await newStore("progress-\(checkingFirst).store")
            _ = try await LedgerService.importLog(from: export, into: store, checkingFirst: checkingFirst) {
                reports.all.append($0)
            }
            let phases: [ImportProgress.Phase] = checkingFirst ? [.checking, .writing] : [.writing]
            #expect(reports.all.map(\.phase).reduce(into: []) { if $0.last != $1 { $0.append($1) } } == phases)
            for phase in phases {
                let steps = reports.all.filter { $0.phase == phase }
                #expect(steps.first?.position == 0 && steps.allSatisfy { $0.end == head && $0.startedAt == 0 })
                #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.position <= $1.position }, "rising")
                #expect(steps.filter(\.done).count == 1 && steps.last?.done == true && steps.last?.position == head)
                #expect(steps.count > 2, "\(phase): a step per window or chunk, \(steps.count)")
            }
            let again = Reports()
            _ = try await LedgerService.importLog(from: export, into: store) { again.all.append($0) }
            #expect(again.all.allSatisfy { $0.phase == .checking }, "nothing to write: no writing reported")
            #expect(again.all.last?.done == true, "the check reported to its end")
        }
    }

    /// The line of the export the two tests below damage: in its third window.
    static let damaged = 4_321

    /// Damages line ``damaged`` of the export (its actor changes, so its hash no longer checks).
    func damageTheExport() throws {
        var lines = try String(contentsOfFile: export, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        lines[Self.damaged - 1] = Substring(
            lines[Self.damaged - 1].replacingOccurrences(of: #""actor":"generator""#, with: #""actor":"someone""#))
        try lines.joined(separator: "\n").write(toFile: export, atomically: true, encoding: .utf8)
    }

    /// Whether `error` refuses the import at the damaged line.
    static func refusedAtTheDamagedLine(_ error: any Error) -> Bool {
        guard case LedgerError.importRefused(let line, _) = error else { return false }
        return line == damaged
    }

    /// Given a line damaged in the third window, then the import names that line and writes nothing.
    @Test func aDamagedLineLateInTheFileIsNamedAndNothingIsWritten() async throws {
        try damageTheExport()
        let store = try await newStore("refused.store")
        await #expect(
            performing: { try await LedgerService.importLog(from: export, into: store) },
            throws: Self.refusedAtTheDamagedLine)
        #expect(try await store.head().position == 0)
    }

    /// Given the same line damaged, then an import into a new store path, which writes each
    /// window as its lines are checked, names that line and leaves no store behind, although two
    /// windows were written before it.
    @Test func aNewStoreWrittenInOnePassIsRemovedWhenALateLineIsDamaged() async throws {
        try damageTheExport()
        // The pass itself: the windows before the damaged line are written.
        let store = try await newStore("one-pass.store")
        await #expect(
            performing: { try await LedgerService.importLog(from: export, into: store, checkingFirst: false) },
            throws: Self.refusedAtTheDamagedLine)
        #expect(try await store.head().position == 4_000, "two windows written before the damaged line")
        // The command's way: one pass (no checking reported), and the store it created is removed.
        let location = folder.appendingPathComponent("new.store").path
        let configuration = LedgerConfiguration(transports: TransportRegistry([]), stores: SQLiteStoreProvider())
        final class Phases: @unchecked Sendable {
            var seen: Set<String> = []
        }
        let phases = Phases()
        await #expect(
            performing: {
                try await LedgerService.importLog(from: export, into: location, configuration: configuration) {
                    phases.seen.insert("\($0.phase)")
                }
            },
            throws: Self.refusedAtTheDamagedLine)
        #expect(phases.seen == ["writing"], "one pass")
        #expect(!FileManager.default.fileExists(atPath: location), "the new store is removed")
    }
}
