import Foundation
import Testing

/// `verify` recomputes every hash and names the first position that was altered.
@Suite struct VerifyCLITests {
    @Test func aSingleChangedPayloadByteIsCaughtAtItsPosition() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        let head = try cli.headPosition()
        #expect(try cli("verify").status == 0)

        let created = try #require(try cli("history", "--type", "ChannelCreated", "--json").lines().first)
        let position = try #require(created["position"] as? Int)
        // Flip one byte of the stored payload ("US Store" → "UX Store") behind the ledger's back.
        let sql =
            "UPDATE events SET payload = CAST(replace(CAST(payload AS TEXT), 'US Store', 'UX Store') AS BLOB) WHERE position = \(position);"
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [cli.store, sql]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)

        let verify = try cli("verify")
        #expect(verify.status == 8, "\(verify)")
        #expect(verify.stderr.contains("position \(position)"), "\(verify)")
        #expect(verify.stderr.split(separator: "\n").count == 1)
        #expect(head > position)
    }

    @Test func eventsDeletedFromTheEndAreCaught() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        let head = try cli.headPosition()
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [cli.store, "DELETE FROM events WHERE position = \(head);"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        let verify = try cli("verify")
        #expect(verify.status == 8, "\(verify)")
        #expect(verify.stderr.contains("position \(head)"), "\(verify)")
    }
}
