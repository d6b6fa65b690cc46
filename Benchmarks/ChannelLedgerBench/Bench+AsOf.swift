import Foundation

extension Bench {
    /// `--as-of` on the logs (one channel, then 1,000, changed until the log holds
    /// `logEvents` events) beside the same query at the head: once with no snapshot kept (the fold
    /// that keeps them), then after a mark, just before the next one (the longest fold), and at the
    /// head; on the one-channel log, the first page of its one long stream.
    func measureAsOf(runs: StoreRuns, into report: inout Report) async throws {
        try await measureAsOf(channels: 1, runs: runs, into: &report)
        try await measureAsOf(channels: 1_000, runs: runs, into: &report)
    }

    func measureAsOf(channels: Int, runs: StoreRuns, into report: inout Report) async throws {
        let path = runs.freshPath("as-of-\(channels)")
        let log = channels == 1 ? "one-channel" : "\(channels)-channel"
        note(
            "as-of: building a \(settings.logEvents)-event log of \(channels) channel(s) suspended, resumed and renamed"
        )
        let (head, stream) = try await AsOfRuns.channelLog(channels: channels, events: settings.logEvents, at: path)
        func query(_ extra: [String]) throws -> Sample {
            try Sample(
                values: (0..<settings.queryRuns).map { _ in
                    try timeCLI(["channels", "list", "--json", "--store", path] + extra)
                })
        }
        let atHead = try query([])
        report.add("channels list on the \(log) \(head)-event store", atHead, unit: "ms", lowerIsBetter: true)
        let before = AsOfRuns.bytes(of: path)
        let first = try Sample(values: [
            timeCLI(["channels", "list", "--json", "--store", path, "--as-of", "@\(head)"])
        ])
        let kept = AsOfRuns.bytes(of: path) - before
        report.add(
            "first --as-of @\(head) (\(log)): folds from the start, keeps the marks it passes", first, unit: "ms",
            lowerIsBetter: true)
        note("as-of: the snapshots kept take \(kept / 1_024) KiB (the store was \(before / 1_048_576) MiB)")
        let middle = head / 2
        // Marks every 2,048 positions: the longest fold runs from one to just before the next.
        let mark = middle / 2_048 * 2_048
        for point in [middle, mark + 2_047, head] {
            report.add(
                "--as-of @\(point) (\(log))", try query(["--as-of", "@\(point)"]), unit: "ms",
                reference: ("the same query at the head", atHead.median), target: 2, lowerIsBetter: true)
        }
        guard channels == 1 else { return }
        // The first page of the channel's stream, which holds nearly every event: time and peak memory.
        let page = ["history", "--stream", stream, "--limit", "5", "--json", "--store", path]
        let firstPage = try Sample(values: (0..<settings.queryRuns).map { _ in try timeCLI(page) })
        report.add(
            "history --stream (one \(head)-event stream) --limit 5", firstPage, unit: "ms",
            reference: ("budget 50 ms", 50), target: 1, lowerIsBetter: true)
        let baseline = try Sample(
            values: (0..<3).map { _ in try AsOfRuns.peakMiB(cliBinary, ["channels", "list", "--json", "--store", path])
            })
        let peak = try Sample(values: (0..<3).map { _ in try AsOfRuns.peakMiB(cliBinary, page) })
        report.add(
            "peak memory of that history page", peak, unit: "MiB",
            reference: ("channels list on the same store", baseline.median), target: 1.2, lowerIsBetter: true)
    }
}
