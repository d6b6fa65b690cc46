import EventSourcing
import Foundation

/// Draws a rebuild's progress on stderr: a bar redrawn in place on a terminal, a line every
/// few seconds otherwise (logs, CI), and always a closing line with the rate.
final class RebuildProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) == 1
    private var started: (name: String, at: ContinuousClock.Instant, from: Int64)?
    private var lastDrawn = ContinuousClock.now
    private let clock = ContinuousClock()

    /// Reports one step of a rebuild.
    func report(_ progress: ProjectionRebuild.Progress) {
        lock.withLock { draw(progress) }
    }

    private func draw(_ progress: ProjectionRebuild.Progress) {
        let now = clock.now
        if started?.name != progress.projection {
            started = (progress.projection, now, progress.startedAt)
            let from = progress.startedAt > 0 ? "resuming at position \(progress.startedAt)" : "from the start"
            write("rebuilding \(Self.noun(progress)) \(progress.projection) \(from) (head \(progress.head))\n")
            lastDrawn = now
        }
        guard let started else { return }
        let elapsed = max(0.001, seconds(now - started.at))
        let done = progress.position - started.from
        let rate = Double(done) / elapsed
        if progress.done {
            let line =
                "rebuilt \(Self.noun(progress)) \(progress.projection): \(done) events in \(format(elapsed)) s (\(Int(rate)) events/s), now at position \(progress.position)"
            write(terminal ? "\r\u{1B}[2K" + line + "\n" : line + "\n")
            self.started = nil
            return
        }
        let interval: Duration = terminal ? .milliseconds(100) : .seconds(2)
        guard now - lastDrawn >= interval else { return }
        lastDrawn = now
        let total = max(1, progress.head - started.from)
        let fraction = min(1, Double(done) / Double(total))
        let eta = rate > 0 ? Double(progress.head - progress.position) / rate : 0
        let status = "\(progress.position)/\(progress.head) events, \(Int(rate)) events/s, ETA \(format(eta)) s"
        if terminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            write("\r\u{1B}[2K[\(bar)] \(Int(fraction * 100))% \(status)")
        } else {
            write("rebuilding \(Self.noun(progress)) \(progress.projection): \(status)\n")
        }
    }

    /// `projection`, or `projections` for several rebuilt from one read (`ledger-summary + orders`).
    private static func noun(_ progress: ProjectionRebuild.Progress) -> String {
        progress.projection.contains(" + ") ? "projections" : "projection"
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
