import EventSourcing
import Foundation

/// The entries of an export after its header, in order, each with its line number. Lines are read
/// in order and parsed a window ahead, the window's two halves at once, so both cores parse while
/// the caller checks (and writes) the window before: parsing was most of an import's time (it
/// reads every line twice into a store that exists, once into a new one).
enum ExportEntries {
    /// A line's number and what it holds, or why it could not be read.
    typealias Parsed = (line: Int, entry: Result<LogExport.Entry, any Error>)

    /// Lines per window.
    static let window = 2_000

    /// Calls `body` with each entry of the lines `reader` has left, in order. The next window is
    /// read before `body` sees this one and parsed while it does (a child task: an error in `body`
    /// waits for that parse, at most one window, before it is thrown); an error reading the file
    /// is thrown once every line before it has been through `body`.
    static func forEach(
        _ reader: inout LineReader, version: Int, _ body: (Parsed) async throws -> Void
    ) async throws {
        var current = await parse(try read(&reader), version: version)
        while !current.isEmpty {
            let following = Result { try read(&reader) }
            async let next = parse((try? following.get()) ?? [], version: version)
            for entry in current { try await body(entry) }
            _ = try following.get()
            current = await next
        }
    }

    /// The next window of lines with their numbers (empty at the end of the file).
    private static func read(_ reader: inout LineReader) throws -> [(Int, Data)] {
        var lines: [(Int, Data)] = []
        lines.reserveCapacity(window)
        while lines.count < window, let line = try reader.next() { lines.append((reader.lineNumber, line)) }
        return lines
    }

    /// The window's entries, its two halves parsed at once.
    private static func parse(_ lines: [(Int, Data)], version: Int) async -> [Parsed] {
        guard lines.count > 1 else { return entries(lines[...], version: version) }
        let half = lines.count / 2
        async let first = entries(lines[..<half], version: version)
        async let second = entries(lines[half...], version: version)
        return await first + second
    }

    private static func entries(_ lines: ArraySlice<(Int, Data)>, version: Int) -> [Parsed] {
        lines.map { line in (line.0, Result { try LogExport.entry(line.1, version: version) }) }
    }
}
