import Foundation
import Testing

/// Stores beside the CLI's own: the schema-1 fixture (always a copy), other files in its folder, sqlite3.
extension CLI {
    /// `Tests/Fixtures`, found from this file.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The fixture store's master key: a test key, not a secret (Tests/Fixtures/README.md).
    static let fixtureKey = "Zml4dHVyZS1rZXktbm90LWEtc2VjcmV0LTMyYnl0ZXM="

    /// A CLI whose store is a fresh copy of `schema-v1.store` in its temporary folder, with the fixture's key.
    /// The fixture itself is never opened.
    static func onFixtureCopy() throws -> CLI {
        var cli = try CLI()
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("schema-v1.store"), to: URL(fileURLWithPath: cli.store))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cli.store)
        cli.environment["CHANNEL_LEDGER_MASTER_KEY"] = fixtureKey
        return cli
    }

    /// `channels list --json` as the fixture's version printed it at the fixture's head.
    /// `channels list --json` as the fixture's version printed it, plus the fields added since with
    /// the values its events read as: no `endpoint` was recorded before endpoints were (null).
    static func fixtureChannels() throws -> Any {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("schema-v1.channels.json"))
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return list.map { channel in
            var channel = channel
            channel["endpoint"] = NSNull()
            return channel
        }
    }

    /// The bytes of the fixture store itself, to check that no test changed it.
    static func fixtureBytes() -> Data? {
        FileManager.default.contents(atPath: fixtures.appendingPathComponent("schema-v1.store").path)
    }

    /// A path for another file in this CLI's temporary folder (nothing is created).
    func path(_ name: String) -> String {
        folder.appendingPathComponent(name).path
    }

    /// Whether a SQLite store (or any of its side files) exists at `path`.
    func anyStoreFile(at path: String) -> Bool {
        ["", "-wal", "-shm", "-journal"].contains { FileManager.default.fileExists(atPath: path + $0) }
    }

    /// The store's log as `history --json` lists it (the CLI's own store unless `store` is given).
    func log(store: String? = nil) throws -> [[String: Any]] {
        let run = try self.run(["history", "--json"] + (store.map { ["--store", $0] } ?? []))
        try #require(run.status == 0, "\(run)")
        return try run.lines()
    }

    /// Runs the sqlite3 shell on a file, read-only unless `writing` (a test damaging a store on
    /// purpose); returns what it printed (blobs as hex literals).
    @discardableResult
    func sqlite3(_ path: String, _ sql: String, writing: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = (writing ? [] : ["-readonly"]) + [path, ".mode quote", sql]
        let output = folder.appendingPathComponent("sqlite3-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 \(path) \(sql)")
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// The events table, row by row with every column, and the stream names its ids stand for.
    func eventsTable(_ path: String) throws -> String {
        try sqlite3(path, "SELECT * FROM events ORDER BY position") + "\n"
            + sqlite3(path, "SELECT * FROM streams ORDER BY id")
    }

    /// A JSON value written again with sorted keys: documents compare by content, whatever their key order.
    static func canonical(_ json: Any) throws -> String {
        String(
            decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .fragmentsAllowed]),
            as: UTF8.self)
    }
}

extension CLI.Run {
    /// stdout's lines, without empty ones.
    var outputLines: [Substring] { stdout.split(separator: "\n") }

    /// stderr's lines, without empty ones.
    var errorLines: [Substring] { stderr.split(separator: "\n") }
}
