import EventSourcing
import Foundation

/// The entries of an export after its header, in order, each with its line number. Lines are read
/// in order and parsed a window ahead, the window's two halves at once, so both cores parse while
/// the caller checks (and writes) the window before: an import reads every line twice, and
/// parsing them was most of its time.
enum ExportEntries {
    /// A line's number and what it holds, or why it could not be read.
    typealias Parsed = (line: Int, entry: Result<LogExport.Entry, any Error>)

    /// Lines per window.
    static let window = 2_000

    /// Calls `body` with each entry of the lines `reader` has left, in order.
    static func forEach(
        _ reader: inout LineReader, version: Int, _ body: (Parsed) async throws -> Void
    ) async throws {
        var pending = parse(try read(&reader), version: version)
        defer { pending?.cancel() }
        while let task = pending {
            let parsed = await task.value
            pending = parse(try read(&reader), version: version)
            for entry in parsed { try await body(entry) }
        }
    }

    /// The next window of lines with their numbers (empty at the end of the file).
    private static func read(_ reader: inout LineReader) throws -> [(Int, Data)] {
        var lines: [(Int, Data)] = []
        lines.reserveCapacity(window)
        while lines.count < window, let line = try reader.next() { lines.append((reader.lineNumber, line)) }
        return lines
    }

    /// A task parsing the window's two halves at once; nil for an empty window.
    private static func parse(_ lines: [(Int, Data)], version: Int) -> Task<[Parsed], Never>? {
        guard !lines.isEmpty else { return nil }
        return Task {
            let half = (lines.count + 1) / 2
            async let first = entries(lines[..<half], version: version)
            async let second = entries(lines[half...], version: version)
            return await first + second
        }
    }

    private static func entries(_ lines: ArraySlice<(Int, Data)>, version: Int) -> [Parsed] {
        lines.map { line in (line.0, Result { try LogExport.entry(line.1, version: version) }) }
    }
}
