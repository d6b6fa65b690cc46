import Foundation
import Logging

/// A started plugin process: its stdin to write requests to, and its stdout as a stream of lines
/// read on a thread of its own (stderr goes to the log, line by line).
///
/// `@unchecked`: `Process` and `FileHandle` are not marked `Sendable`; the child only asks the process
/// whether it runs, kills it, and writes to stdin from the one actor that owns it.
final class PluginChild: @unchecked Sendable {
    /// What the reader saw on stdout.
    enum Event: Sendable {
        /// One line, without its newline.
        case line(Data)
        /// A line longer than the protocol allows.
        case tooLong
        /// stdout closed: the plugin exited (or closed it).
        case end
    }

    private let process: Process
    private let input: FileHandle
    /// Writes happen here, in order: a plugin that stops reading blocks this queue, never the
    /// actor, so the request's timeout still fires and the kill that follows ends the write.
    private let writer: DispatchQueue
    /// stdout, line by line, in order.
    let events: AsyncStream<Event>

    /// Starts `path` with `environment`; throws when it cannot be started.
    init(path: String, environment: [String: String], name: String, logger: Logger) throws {
        Self.ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = []
        process.environment = environment
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        self.process = process
        self.input = stdin.fileHandleForWriting
        self.writer = DispatchQueue(label: "channel-ledger.plugin.\(name).stdin")
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        self.events = events
        Self.readLines(stdout.fileHandleForReading, name: "stdout of \(name)") { line in
            continuation.yield(line.map(Event.line) ?? .tooLong)
        } end: {
            continuation.yield(.end)
            continuation.finish()
        }
        Self.readLines(stderr.fileHandleForReading, name: "stderr of \(name)") { line in
            if let line { logger.debug("plugin \(name): \(String(decoding: line, as: UTF8.self))") }
        } end: {
        }
    }

    /// Writes one line to the plugin's stdin without waiting; `failed` runs if the plugin closed it
    /// (it exited).
    func write(_ line: Data, failed: @escaping @Sendable () -> Void) {
        writer.async { [input] in
            do { try input.write(contentsOf: line) } catch { failed() }
        }
    }

    /// Kills the process (SIGKILL: a plugin that hangs may ignore anything gentler) and closes its stdin.
    func stop() {
        if endedStatus() == nil { kill(process.processIdentifier, SIGKILL) }
        try? input.close()
    }

    /// The exit status once the process ended (waiting up to `limit` for it), for messages; nil
    /// while it still runs.
    func exitStatus(within limit: Duration = .seconds(1)) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let status = endedStatus() { return status }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return endedStatus()
    }

    /// The status of a process that ended, or nil. Foundation notices an exit on a thread of its
    /// own, which on a loaded machine can take seconds; the kernel knows at once, so a child that
    /// ended and is not yet reaped is read with `WNOWAIT`, leaving it to Foundation to reap.
    private func endedStatus() -> Int32? {
        if !process.isRunning { return process.terminationStatus }
        var info = siginfo_t()
        let ended = waitid(P_PID, id_t(process.processIdentifier), &info, WEXITED | WNOHANG | WNOWAIT) == 0
        #if canImport(Glibc)
            let (pid, status) = (info._sifields._sigchld.si_pid, info._sifields._sigchld.si_status)
        #else
            let (pid, status) = (info.si_pid, info.si_status)
        #endif
        guard ended, pid == process.processIdentifier else { return nil }
        return status
    }

    /// A write to a plugin that exited must fail with EPIPE, not kill the ledger with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Reads `handle` to its end on a thread of its own, calling `line` for each line (nil for one
    /// over the protocol's limit, which is then skipped) and `end` once at the end.
    private static func readLines(
        _ handle: FileHandle, name: String, line: @escaping @Sendable (Data?) -> Void,
        end: @escaping @Sendable () -> Void
    ) {
        let thread = Thread {
            var buffer = Data()
            var skipping = false
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    if skipping {
                        skipping = false
                    } else {
                        line(Data(buffer[buffer.startIndex..<newline]))
                    }
                    buffer.removeSubrange(buffer.startIndex...newline)
                }
                if buffer.count > PluginProtocol.maximumLineLength {
                    if !skipping { line(nil) }
                    skipping = true
                    buffer.removeAll()
                }
            }
            try? handle.close()
            end()
        }
        thread.name = name
        thread.start()
    }
}
