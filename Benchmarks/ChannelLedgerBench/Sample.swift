import Foundation

/// Repeated measurements of one figure: the median and the spread.
struct Sample: Sendable {
    var values: [Double]

    var median: Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    var min: Double { values.min() ?? 0 }
    var max: Double { values.max() ?? 0 }

    /// Runs `body` `runs` times; each run returns its own figure (a rate or a duration).
    static func measure(runs: Int, _ body: () async throws -> Double) async throws -> Sample {
        var values: [Double] = []
        for _ in 0..<runs { values.append(try await body()) }
        return Sample(values: values)
    }
}

/// Wall-clock time of a piece of work, in seconds.
func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The process's peak resident memory so far, in bytes.
func peakMemory() -> Int {
    // Linux: VmHWM of this process's own memory map. `getrusage`'s ru_maxrss is no good for a
    // child: a process started by posix_spawn keeps the parent's high-water mark across exec,
    // so every child would report at least the parent's size.
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    {
        return kilobytes * 1024
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}
