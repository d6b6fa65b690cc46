import Foundation

/// Finds plugin executables the way git finds `git-NAME`: `channel-ledger-transport-NAME` in the
/// plugins folder, then in each folder of `PATH`; the first found of a name wins.
public enum PluginDiscovery {
    /// One executable found: the transport's name and where it is.
    public struct Found: Sendable, Equatable {
        /// The `NAME` of `channel-ledger-transport-NAME`.
        public var name: String
        /// The executable's path.
        public var path: String
    }

    /// Every plugin executable in `pluginsFolder`, then on `path` (a `PATH` value), by name.
    public static func find(pluginsFolder: String, path: String?) -> [Found] {
        var found: [Found] = []
        var names: Set<String> = []
        let folders = [pluginsFolder] + (path ?? "").split(separator: ":").map(String.init)
        for folder in folders where !folder.isEmpty {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for entry in entries.sorted() where entry.hasPrefix(PluginProtocol.executablePrefix) {
                let name = String(entry.dropFirst(PluginProtocol.executablePrefix.count))
                let file = (folder as NSString).appendingPathComponent(entry)
                guard isTransportName(name), FileManager.default.isExecutableFile(atPath: file),
                    names.insert(name).inserted
                else { continue }
                found.append(Found(name: name, path: file))
            }
        }
        return found
    }

    /// Lower-case letters, digits and hyphens, starting with a letter or digit, at most 40 characters:
    /// a name that reads the same in events, on the command line and in a file name.
    static func isTransportName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 40 else { return false }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-")
        return first != "-" && name.unicodeScalars.allSatisfy(allowed.contains)
    }
}
