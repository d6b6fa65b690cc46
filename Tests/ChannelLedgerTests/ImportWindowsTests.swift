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
        }
    }

    /// Given a line damaged in the third window, then the import names that line and writes nothing.
    @Test func aDamagedLineLateInTheFileIsNamedAndNothingIsWritten() async throws {
        var lines = try String(contentsOfFile: export, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let damaged = 4_321
        lines[damaged - 1] = Substring(
            lines[damaged - 1].replacingOccurrences(of: #""actor":"generator""#, with: #""actor":"someone""#))
        try lines.joined(separator: "\n").write(toFile: export, atomically: true, encoding: .utf8)
        let store = try await newStore("refused.store")
        await #expect {
            _ = try await LedgerService.importLog(from: export, into: store)
        } throws: { error in
            guard case LedgerError.importRefused(let line, _) = error else { return false }
            return line == damaged
        }
        #expect(try await store.head().position == 0)
    }

    /// Given the same line damaged, then an import into a new store path, which writes each
    /// window as its lines are checked, names that line and leaves no store behind, although two
    /// windows were written before it.
    @Test func aNewStoreWrittenInOnePassIsRemovedWhenALateLineIsDamaged() async throws {
        var lines = try String(contentsOfFile: export, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let damaged = 4_321
        lines[damaged - 1] = Substring(
            lines[damaged - 1].replacingOccurrences(of: #""actor":"generator""#, with: #""actor":"someone""#))
        try lines.joined(separator: "\n").write(toFile: export, atomically: true, encoding: .utf8)
        func refusedAtTheDamagedLine(_ error: any Error) -> Bool {
            guard case LedgerError.importRefused(let line, _) = error else { return false }
            return line == damaged
        }
        // The pass itself: the windows before the damaged line are written.
        let store = try await newStore("one-pass.store")
        await #expect(
            performing: { try await LedgerService.importLog(from: export, into: store, checkingFirst: false) },
            throws: refusedAtTheDamagedLine)
        #expect(try await store.head().position == 4_000, "two windows written before the damaged line")
        // The command's way: a store it created is removed.
        let location = folder.appendingPathComponent("new.store").path
        let configuration = LedgerConfiguration(transports: TransportRegistry([]), stores: SQLiteStoreProvider())
        await #expect(
            performing: {
                try await LedgerService.importLog(from: export, into: location, configuration: configuration)
            },
            throws: refusedAtTheDamagedLine)
        #expect(!FileManager.default.fileExists(atPath: location), "the new store is removed")
    }
}
