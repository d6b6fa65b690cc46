import Foundation
import ProcessPluginTransport
import Testing
import Transport

/// Plugins written as a few lines of shell for one case each: what the ledger must survive or withhold.
@Suite(.timeLimit(.minutes(1)))
struct ScriptedPluginTests {
    /// A plugin script in a temporary file: it answers the handshake (claiming `authorize`, with
    /// `summary`), then runs `rest`.
    static func plugin(summary: String = "scripted", rest: String, environment: [String: String] = [:]) throws
        -> ProcessPlugin
    {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cl-plugin-\(UUID())").path
        let script = """
            #!/bin/sh
            read line
            printf '%s\\n' "{\\"id\\":0,\\"result\\":{\\"protocol\\":1,\\"name\\":\\"scripted\\",\\"version\\":\\"1\\",\\"summary\\":\\"\(summary)\\",\\"operations\\":[\\"buy-with-prime.authorize\\"]}}"
            \(rest)
            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return ProcessPlugin(
            name: "scripted", path: path, environment: Examples.environment(environment), logger: Examples.logger,
            patience: .init(handshake: .seconds(8), grace: .milliseconds(300)))
    }

    @Test(arguments: [#"{"id":1,"result":null}"#, #"{"id":1,"result":"ok"}"#, #"{"id":1,"error":"x"}"#, "[1]"])
    func anAnswerThatIsNotAnObjectWhereOneBelongsIsNotAValidMessage(line: String) async throws {
        let plugin = try Self.plugin(rest: "read line\nprintf '%s\\n' '\(line)'\nsleep 5")
        let error = await #expect(throws: TransportError.self) {
            try await plugin.descriptor().buyWithPrime.authorize(Examples.account())
        }
        guard case .unavailable(.buyWithPrime, let reason)? = error else {
            Issue.record("\(line): \(String(describing: error))")
            return
        }
        #expect(reason == "plugin scripted wrote something that is not a valid message")
    }

    @Test func aPluginNeverSeesTheLedgersOwnSettingsNorThePostgreSQLPassword() async throws {
        let plugin = try Self.plugin(
            summary:
                "key=${CHANNEL_LEDGER_MASTER_KEY:-none} store=${CHANNEL_LEDGER_STORE:-none} pg=${PGPASSWORD:-none} home=${HOME:+set}",
            rest: "sleep 5",
            environment: [
                "CHANNEL_LEDGER_MASTER_KEY": "bWFzdGVyLWtleS1uZXZlci1naXZlbi10by1hLXBsdWdpbg==",
                "CHANNEL_LEDGER_STORE": "postgres://u:pw@db/ledger", "PGPASSWORD": "pw",
            ])
        let descriptor = try await plugin.descriptor()
        #expect(descriptor.summary == "scripted 1: key=none store=none pg=none home=set")
    }

    @Test func aPluginThatExitedIsStartedAgainByTheNextCall() async throws {
        // Answers the first request, then exits; the next call must meet a new process, not a dead one.
        let plugin = try Self.plugin(
            rest: #"""
                read line
                id=$(printf '%s' "$line" | sed 's/^{"id":\([0-9]*\),.*/\1/')
                printf '{"id":%s,"result":{"targetId":"TARGET","expiresIn":900}}\n' "$id"
                exit 0
                """#)
        let descriptor = try await plugin.descriptor()
        for _ in 0..<3 {
            let account = Examples.account(timeout: .seconds(5))
            let authorization: BuyWithPrimeAuthorization
            do {
                authorization = try await descriptor.buyWithPrime.authorize(account)
            } catch TransportError.unavailable(_, let reason)
                where reason.contains("closed its input") || reason.contains("exited")
            {
                // On a loaded machine the exit may not be seen yet when the call is written: that
                // call meets the exit while it is written or while it waits for its answer, and is
                // unavailable (no live plugin got it); the next one starts a new process, as the
                // protocol says.
                authorization = try await descriptor.buyWithPrime.authorize(account)
            }
            #expect(authorization.targetID == "TARGET")
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
