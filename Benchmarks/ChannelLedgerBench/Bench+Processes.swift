import Foundation

// Running the CLI and other processes, and timing them whole.
extension Bench {
    /// Runs the release `channel-ledger`; its stdout.
    func runCLI(_ arguments: [String]) throws -> String {
        try runProcess(cliBinary, arguments)
    }

    /// Whole-process wall time of the release `channel-ledger` beside this executable, in ms.
    func timeCLI(_ arguments: [String]) throws -> Double {
        let start = ContinuousClock.now
        _ = try runCLI(arguments)
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    func runProcess(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("\(path) \(arguments) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
