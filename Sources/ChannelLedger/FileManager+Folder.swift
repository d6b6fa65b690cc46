import Foundation

extension FileManager {
    /// Whether `path` names an existing folder (through a symbolic link too).
    package func isFolder(atPath path: String) -> Bool {
        var folder: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
