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
}
