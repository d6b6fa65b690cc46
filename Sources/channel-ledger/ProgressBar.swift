import ChannelLedger
import EventSourcing
import Foundation

/// Draws the progress of a long task on stderr (a rebuild, an import): a bar redrawn in place on
/// a terminal, a line every few seconds otherwise (logs, CI, so a task done sooner prints none
/// but its opening and closing lines, if it has them), and a closing line.
final class ProgressBar: @unchecked Sendable {
    /// Where a task stands.
    struct Step {
        /// What is being done, as the progress lines name it: `rebuilding projection orders`.
        var task: String
        /// The line a task starts with, printed with its first step; nil for none.
        var opening: String?
        /// The last position done, the position the task ends at, and the one it started from.
        var position, end, startedAt: Int64
        /// Whether the task is done.
        var done = false
        /// The closing line, from how many events took how many seconds; nil for none (the bar is cleared).
        var closing: (_ events: Int64, _ seconds: Double) -> String? = { _, _ in nil }
    }

    /// The one bar of this process, shared by the rebuilds and imports a command runs one after another.
    static let standardError = ProgressBar()

    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) == 1
    private var started: (task: String, at: ContinuousClock.Instant, from: Int64)?
    private var lastDrawn = ContinuousClock.now
    private let clock = ContinuousClock()

    /// Reports one step of a task.
    func report(_ step: Step) {
        lock.withLock { draw(step) }
    }

    /// Reports a step of a rebuild.
    func report(_ progress: ProjectionRebuild.Progress) {
        let noun = progress.projection.contains(" + ") ? "projections" : "projection"
        let from = progress.startedAt > 0 ? "resuming at position \(progress.startedAt)" : "from the start"
        report(
            Step(
                task: "rebuilding \(noun) \(progress.projection)",
                opening: "rebuilding \(noun) \(progress.projection) \(from) (head \(progress.head))",
                position: progress.position, end: progress.head, startedAt: progress.startedAt, done: progress.done,
                closing: { events, seconds in
                    "rebuilt \(noun) \(progress.projection): \(events) events in \(Self.format(seconds)) s "
                        + "(\(Int(Double(events) / seconds)) events/s), now at position \(progress.position)"
                }))
    }

    /// Reports a step of an import of `file`, with neither an opening nor a closing line: the
    /// command prints what it imported, and a refused file only its error.
    func report(_ progress: ImportProgress, file: String) {
        report(
            Step(
                task: progress.phase == .checking ? "checking \(file)" : "importing \(file)", opening: nil,
                position: progress.position, end: progress.end, startedAt: progress.startedAt, done: progress.done))
    }

    /// Clears a bar drawn in place and forgets its task: the command failed, and its error line follows.
    func interrupt() {
        lock.withLock {
            if terminal, started != nil { write("\r\u{1B}[2K") }
            started = nil
        }
    }

    private func draw(_ step: Step) {
        let now = clock.now
        if started?.task != step.task {
            started = (step.task, now, step.startedAt)
            if let opening = step.opening { write(opening + "\n") }
            lastDrawn = now
        }
        guard let started else { return }
        let elapsed = max(0.001, seconds(now - started.at))
        let done = step.position - started.from
        let rate = Double(done) / elapsed
        if step.done {
            let line = step.closing(done, elapsed)
            if terminal { write("\r\u{1B}[2K") }
            if let line { write(line + "\n") }
            self.started = nil
            return
        }
        let interval: Duration = terminal ? .milliseconds(100) : .seconds(2)
        guard now - lastDrawn >= interval else { return }
        lastDrawn = now
        let total = max(1, step.end - started.from)
        let fraction = min(1, Double(done) / Double(total))
        let eta = rate > 0 ? Double(step.end - step.position) / rate : 0
        let status = "\(step.position)/\(step.end) events, \(Int(rate)) events/s, ETA \(Self.format(eta)) s"
        if terminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            write("\r\u{1B}[2K\(step.task) [\(bar)] \(Int(fraction * 100))% \(status)")
        } else {
            write("\(step.task): \(status)\n")
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
