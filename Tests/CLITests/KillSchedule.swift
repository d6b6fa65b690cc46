import ChannelLedgerTesting
import Foundation

/// Where a crash scenario's kills land: seeded moments spread over how long each step of the work
/// takes, and how many of them landed while the work still ran.
///
/// A step's length starts as a timed, uninterrupted run's and shrinks to a killed run's own when
/// that run ended before its kill. A timing taken while other suites load the machine can be many
/// times a later run's; without this every kill could come after the end (a CI run once landed
/// none of 6 kills mid-run that way).
struct KillSchedule {
    private var generator: SplitMix
    /// How long each step runs, as far as the schedule knows.
    private(set) var durations: [TimeInterval]
    /// Kills that landed while their run still ran.
    private(set) var interrupted = 0

    /// A schedule seeded by `seed` for work whose steps took `durations` seconds uninterrupted.
    init(seed: UInt64, durations: [TimeInterval]) {
        precondition(!durations.isEmpty, "a schedule needs a step to kill")
        generator = SplitMix(state: seed)
        self.durations = durations
    }

    /// A schedule seeded by `seed` for one run that took `duration` seconds uninterrupted.
    init(seed: UInt64, duration: TimeInterval) {
        self.init(seed: seed, durations: [duration])
    }

    /// A step to kill, at random.
    mutating func nextStep() -> Int {
        Int(generator.next() % UInt64(durations.count))
    }

    /// A moment within `step`'s length, at random.
    mutating func nextMoment(step: Int = 0) -> TimeInterval {
        Double(generator.next() % 1_000) / 1_000 * durations[step]
    }

    /// Counts a kill of `step`: mid-run, or after the run ended by itself (whose length it learns).
    mutating func record(_ outcome: KillOutcome, step: Int = 0) {
        switch outcome {
        case .midRun: interrupted += 1
        case .endedFirst(let elapsed): durations[step] = min(durations[step], elapsed)
        }
    }
}

/// How a kill landed.
enum KillOutcome: Equatable {
    /// The run was still running when killed.
    case midRun
    /// The run ended by itself this many seconds after it started, before its kill.
    case endedFirst(after: TimeInterval)

    /// Waits until `moment` seconds after `started`, or until `process` ends if sooner: nil when it
    /// still runs at that moment, or how long it ran.
    static func wait(for process: Process, startedAt started: Date, until moment: TimeInterval) async throws
        -> TimeInterval?
    {
        while process.isRunning {
            let left = moment - Date().timeIntervalSince(started)
            if left <= 0 { return nil }
            try await Task.sleep(for: .milliseconds(max(1, min(20, Int(left * 1_000)))))
        }
        return Date().timeIntervalSince(started)
    }
}
