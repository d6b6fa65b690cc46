import Foundation
import Testing

/// Single-account ledgers (format 0): the shipped fixture, and bigger ones the fixture's maker writes.
extension CLI {
    /// The fixture's master key (`Tests/Fixtures/ledger-format-0.key`): a test key, not a secret.
    static func formatZeroKey() throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("ledger-format-0.key"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The bytes of `ledger-format-0.sqlite` itself, to check that no test changed it.
    static func formatZeroFixtureBytes() -> Data? {
        FileManager.default.contents(atPath: fixtures.appendingPathComponent("ledger-format-0.sqlite").path)
    }

    /// A CLI whose store is a fresh copy of `ledger-format-0.sqlite`, with the fixture's key.
    static func onFormatZeroCopy() throws -> CLI {
        var cli = try CLI()
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("ledger-format-0.sqlite"), to: URL(fileURLWithPath: cli.store))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cli.store)
        cli.environment["CHANNEL_LEDGER_MASTER_KEY"] = try formatZeroKey()
        return cli
    }

    /// The fixture's maker, built beside the CLI.
    static var formatZeroMaker: String {
        URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("make-ledger-format-0").path
    }

    /// A CLI whose store is a new ledger the maker writes: format 0 with `orders` orders, the
    /// connected app registered and the account authorized, unless told otherwise; the fixture's key.
    static func onNewFormatZero(orders: Int, connectedApp: Bool = true, account: Bool = true, format: Int = 0) throws
        -> CLI
    {
        var cli = try CLI()
        cli.environment["CHANNEL_LEDGER_MASTER_KEY"] = try formatZeroKey()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: formatZeroMaker)
        process.arguments =
            [cli.store, "--orders", String(orders), "--format", String(format)]
            + (connectedApp ? [] : ["--no-connected-app"]) + (account ? [] : ["--no-account"])
        process.environment = cli.environment
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "make-ledger-format-0 failed: \(message)")
        return cli
    }
}

extension CLI {
    /// Another CLI (own folder, same key) whose store is a copy of this one's, write-ahead log included.
    func copy() throws -> CLI {
        var other = try CLI()
        other.environment["CHANNEL_LEDGER_MASTER_KEY"] = environment["CHANNEL_LEDGER_MASTER_KEY"]
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: store + suffix) {
            try FileManager.default.copyItem(atPath: store + suffix, toPath: other.store + suffix)
        }
        return other
    }
}
