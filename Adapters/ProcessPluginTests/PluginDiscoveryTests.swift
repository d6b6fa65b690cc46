import Foundation
import ProcessPluginTransport
import Testing

/// Finding `channel-ledger-transport-NAME` as git finds `git-NAME`: the plugins folder first, then
/// `PATH`, the first of a name winning; only executables with a valid name.
@Suite struct PluginDiscoveryTests {
    @Test func pluginsAreFoundInThePluginsFolderThenOnThePathTheFirstOfANameWinning() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cl-discovery-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let plugins = root.appendingPathComponent("plugins")
        let bin = root.appendingPathComponent("bin")
        for folder in [plugins, bin] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        func file(_ folder: URL, _ name: String, executable: Bool = true) throws {
            let path = folder.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: Data("#!/bin/sh\n".utf8)))
            try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: path)
        }
        try file(plugins, "channel-ledger-transport-acme")
        try file(bin, "channel-ledger-transport-acme")  // shadowed by the plugins folder's
        try file(bin, "channel-ledger-transport-carrier")
        try file(bin, "channel-ledger-transport-notexec", executable: false)
        try file(bin, "channel-ledger-transport-Bad_Name")
        try file(bin, "channel-ledger-transport-")
        try file(bin, "other-tool")

        let found = PluginDiscovery.find(pluginsFolder: plugins.path, path: "\(bin.path):/nonexistent")
        #expect(found.map(\.name) == ["acme", "carrier"])
        #expect(found.first?.path == plugins.appendingPathComponent("channel-ledger-transport-acme").path)
    }
}
