import ChannelLedger
import Foundation

/// Draws a long command's progress on stderr: a bar redrawn in place on a terminal, a line every
/// few seconds otherwise (logs, CI); ``finish()`` ends the bar's line.
final class LineProgressBar: @unchecked Sendable {
    private let noun: String
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) == 1
    private let clock = ContinuousClock()
    private lazy var started = clock.now
    private lazy var lastDrawn = clock.now
    private var drew = false

    /// A bar counting `noun` (e.g. `lines`).
    init(noun: String) {
        self.noun = noun
    }

    /// Reports that `done` of `total` are done.
    func report(_ progress: OrderImportProgress) {
        lock.withLock { draw(done: progress.lines, total: progress.total) }
    }

    /// Ends the bar's line on a terminal.
    func finish() {
        lock.withLock { if terminal && drew { write("\n") } }
    }

    private func draw(done: Int, total: Int) {
        let now = clock.now
        _ = started
        guard now - lastDrawn >= (terminal ? .milliseconds(100) : .seconds(2)) || (terminal && done == total) else {
            return
        }
        lastDrawn = now
        drew = true
        let elapsed = max(
            0.001, Double((now - started).components.seconds) + Double((now - started).components.attoseconds) / 1e18)
        let rate = Int(Double(done) / elapsed)
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let status = "\(done)/\(total) \(noun), \(rate) \(noun)/s"
        if terminal {
            let filled = Int(fraction * 30)
            write(
                "\r\u{1B}[2K[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
                    + "] \(Int(fraction * 100))% \(status)")
        } else {
            write(status + "\n")
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
