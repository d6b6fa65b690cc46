import ChannelLedgerTesting
import Foundation
import Testing

@testable import ChannelLedger

/// The reader `import` and `orders import` go through: every line once, in order, across chunk
/// boundaries, with the line numbers a user is told about.
@Suite struct LineReaderTests {
    /// Lines of 0 to 3,000 bytes (empty ones among them) over 3 MiB, read back exactly.
    @Test func everyLineComesBackWhateverTheChunkBoundaries() throws {
        var generator = SplitMix(state: 0x11e5)
        var lines: [String] = []
        var size = 0
        while size < 3 << 20 {
            let length = Int(generator.next() % 3_000)
            let line = String(repeating: Character(UnicodeScalar(UInt8(97 + generator.next() % 26))), count: length)
            lines.append(line)
            size += length + 1
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID()).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data((lines.joined(separator: "\n") + "\nlast line, no newline").utf8).write(
            to: URL(fileURLWithPath: path))

        var reader = try LineReader(path: path)
        defer { reader.close() }
        var read: [(Int, String)] = []
        while let line = try reader.next() { read.append((reader.lineNumber, String(decoding: line, as: UTF8.self))) }
        let expected = (lines + ["last line, no newline"]).enumerated().filter { !$0.element.isEmpty }
        #expect(read.map(\.1) == expected.map(\.element), "every non-empty line, in order")
        #expect(read.map(\.0) == expected.map { $0.offset + 1 }, "numbered as in the file, empty lines counted")
    }

    /// A line longer than a chunk (read over several refills), a file ending on a newline, and an
    /// empty file.
    @Test(arguments: [(3 << 20) + 17, 1 << 20, 0])
    func aLineLongerThanAChunkAndTheFilesEdges(longLine: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID()).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let long = String(repeating: "z", count: longLine)
        let text = longLine == 0 ? "" : "first\n\(long)\nlast\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var reader = try LineReader(path: path)
        defer { reader.close() }
        var read: [String] = []
        while let line = try reader.next() { read.append(String(decoding: line, as: UTF8.self)) }
        #expect(read == (longLine == 0 ? [] : ["first", long, "last"]))
    }
}
