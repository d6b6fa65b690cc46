import Foundation
import Testing

/// The secret prompt on a real pseudo-terminal (util-linux `script`): no echo, and echo back after Ctrl-C.
@Suite struct PromptCLITests {
    /// Runs a shell command line under `script` (a pty), types `input` once `prompt` appears, returns the screen.
    func onTerminal(_ cli: CLI, _ commandLine: String, typing input: String, after prompt: String) throws -> (
        Int32, String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", commandLine, "/dev/null"]
        process.environment = cli.environment
        let output = Pipe()
        let keyboard = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = keyboard
        try process.run()
        var screen = Data()
        let deadline = Date().addingTimeInterval(30)
        while !String(decoding: screen, as: UTF8.self).contains(prompt), Date() < deadline, process.isRunning {
            screen += output.fileHandleForReading.availableData
        }
        keyboard.fileHandleForWriting.write(Data(input.utf8))
        try keyboard.fileHandleForWriting.close()
        screen += output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: screen, as: UTF8.self))
    }

    @Test func theClientSecretIsTypedWithoutEcho() throws {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        let us = sandbox.accounts[0]
        #expect(try cli("channels", "create", "US Store", "--transport", "sandbox").status == 0)
        let (status, screen) = try onTerminal(
            cli, "\(CLI.binary) channels credentials 'US Store' --client-id \(us.clientId) --target-id \(us.targetId)",
            typing: us.clientSecret + "\r", after: "Client secret:")
        #expect(status == 0, "\(screen)")
        #expect(screen.contains("Client secret:"))
        #expect(!screen.contains(us.clientSecret), "the secret was echoed: \(screen)")
        #expect(try cli("channels", "authorize", "US Store").status == 0, "the typed secret is the right one")
    }

    @Test func ctrlCAtThePromptRestoresEcho() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        #expect(try cli("channels", "create", "US Store", "--transport", "sandbox").status == 0)
        let before = try cli.headPosition()
        let (_, screen) = try onTerminal(
            cli,
            "trap '' INT; \(CLI.binary) channels credentials 'US Store' --client-id c --target-id t; stty -a | tr ' ' '\\n' | grep -x -e echo -e -echo",
            typing: "\u{03}", after: "Client secret:")
        let lines = screen.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("echo"), "echo is on again after Ctrl-C: \(screen)")
        #expect(!lines.contains("-echo"))
        #expect(try cli.headPosition() == before, "nothing recorded")
    }
}
