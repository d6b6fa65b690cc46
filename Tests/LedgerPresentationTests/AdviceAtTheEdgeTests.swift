import Foundation
import Testing

/// Errors below the CLI carry facts; command spellings live at the edge only, so renaming a
/// command or a flag touches the presentation and nothing under it.
@Suite("Advice lives at the edge")
struct AdviceAtTheEdgeTests {
    /// The package's root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every Swift file below the CLI: the sources of the libraries and the adapters.
    static func filesBelowTheCLI() throws -> [URL] {
        let edge = ["Sources/channel-ledger/", "Sources/LedgerPresentation/"]
        var files: [URL] = []
        for folder in ["Sources", "Adapters"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in walker where url.pathExtension == "swift" {
                let relative = String(url.path.dropFirst(root.path.count + 1))
                if !edge.contains(where: relative.hasPrefix) { files.append(url) }
            }
        }
        return files
    }

    @Test("no source below the CLI spells a channel-ledger command in backticks")
    func noCommandSpellings() throws {
        let files = try Self.filesBelowTheCLI()
        #expect(files.count > 100, "the walk found the sources")
        let offenders = try files.filter { try String(contentsOf: $0, encoding: .utf8).contains("`channel-ledger ") }
        #expect(offenders.map(\.lastPathComponent) == [])
    }
}
