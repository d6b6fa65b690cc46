import ArgumentParser
import ChannelLedger
import EventSourcing

/// `--since` and `--until`: RFC 3339 times, or bare dates meaning their whole day (UTC).
struct TimeRangeOptions: ParsableArguments {
    @Option(help: "Only events recorded at or after this time (RFC 3339, or a date).") var since: String?
    @Option(help: "Only events recorded at or before this time (a date means its end).") var until: String?

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, Timestamp(rfc3339: value) == nil {
                throw ValidationError(
                    "\(flag) \(value) is not a time; use RFC 3339 like 2026-11-29T10:00:00Z or a date like 2026-11-29")
            }
        }
    }

    /// The first instant `--since` means.
    var start: Timestamp? { since.flatMap(HistoryFilter.start(of:)) }
    /// The last instant `--until` means.
    var end: Timestamp? { until.flatMap(HistoryFilter.end(of:)) }
}
