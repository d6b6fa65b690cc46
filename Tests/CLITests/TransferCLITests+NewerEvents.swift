import EventSourcing
import Foundation
import Testing

/// An export a newer version wrote, holding an event type this version does not know: `import`
/// refuses it in one line before writing anything, into a new store or one that exists.
extension TransferCLITests {
    /// `file` with one event of `type` appended to the stream of its last channel event, chained
    /// and announced in the header as a newer version's export would be; its line number.
    static func withNewerEvent(_ file: String, type: String, to copy: String) throws -> Int {
        var lines = text(file).split(separator: "\n").map(String.init)
        let last = try LogExport.event(Data(lines[lines.count - 1].utf8))
        let channel = try #require(
            try lines.dropFirst().reversed().lazy.map { try LogExport.event(Data($0.utf8)) }
                .first { $0.stream.category == "channel" })
        var newer = RecordedEvent(
            id: UUID(), stream: channel.stream, version: channel.version + 1, position: last.position + 1,
            type: type, schemaVersion: 1, recordedAt: last.recordedAt, payload: Data(#"{"to":"mars"}"#.utf8),
            metadata: EventMetadata(actor: "future", source: "cli"), hash: Data())
        newer.hash = HashChain.hash(of: newer, previous: last.hash)
        var header = try LogExport.header(Data(lines[0].utf8))
        (header.to, header.lastHash) = (newer.position, newer.hash.hexString)
        lines[0] = String(decoding: try LogExport.encode(header).dropLast(), as: UTF8.self)
        lines.append(String(decoding: try LogExport.encode(LogExport.Line(newer)).dropLast(), as: UTF8.self))
        try (lines.joined(separator: "\n") + "\n").write(toFile: copy, atomically: true, encoding: .utf8)
        return lines.count
    }

    @Test func anExportOfANewerVersionIsRefusedInOneLineBeforeAnythingIsWritten() throws {
        let cli = try CLI()
        _ = try Self.lifecycle(cli)
        let file = cli.path("ledger.jsonl")
        #expect(try cli("export", file).status == 0)
        let newer = cli.path("newer.jsonl")
        let line = try Self.withNewerEvent(file, type: "ChannelTeleported", to: newer)

        let target = cli.path("newer.sqlite")
        let run = try cli("import", newer, "--store", target)
        #expect(run.status == 3, "\(run)")
        #expect(run.errorLines.count == 1, "one line: \(run.stderr)")
        #expect(
            run.stderr.contains("import refused at line \(line):")
                && run.stderr.contains("ChannelTeleported, which this version of channel-ledger does not know")
                && run.stderr.contains("upgrade channel-ledger"), "\(run)")
        #expect(!cli.anyStoreFile(at: target), "no store is left behind")

        try Self.expectRefusedIntoAnExistingStore(cli, imported: file, refused: newer, status: 3)
    }
}
