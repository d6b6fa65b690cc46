import Foundation
import GRDB

/// A fresh folder under the system's temporary directory, removed when released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("channel-ledger-tests-\(UUID().uuidString.lowercased())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the folder (nothing is created).
    func file(_ name: String = "\(UUID().uuidString.lowercased()).sqlite") -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Three files named like stores that are not: a text file, an empty file and a folder.
    func filesThatAreNotStores() throws -> [String] {
        let text = file("text.sqlite")
        try Data("this is not a database, not even close".utf8).write(to: URL(fileURLWithPath: text))
        let folder = file("folder.sqlite")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        return [text, folder]
    }

    /// What a `create` killed before its schema leaves: an empty file, an SQLite database in WAL
    /// mode with no table and no application id, and one with only GRDB's migrations table (killed
    /// between that table and the first migration).
    func unfinishedStores() throws -> [String] {
        let empty = file("empty.sqlite")
        guard FileManager.default.createFile(atPath: empty, contents: Data()) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let blank = file("blank.sqlite")
        var configuration = Configuration()
        configuration.journalMode = .wal
        let queue = try DatabaseQueue(path: blank, configuration: configuration)
        try queue.close()
        let migrating = file("migrating.sqlite")
        let started = try DatabaseQueue(path: migrating, configuration: configuration)
        try started.write { try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)") }
        try started.close()
        return [empty, blank, migrating]
    }

    /// Deletes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    deinit {
        remove()
    }
}
