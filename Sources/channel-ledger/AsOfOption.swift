import ArgumentParser
import ChannelLedger
import LedgerPresentation

/// `--as-of @POSITION|TIME`: answer from a fold of the log up to that point.
struct AsOfOption: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: "Answer as of a point in the log: @POSITION (e.g. @120) or a time (RFC 3339, or a date for its end).")
    var asOf: String?

    func validate() throws {
        if let asOf, PointInLog(asOf) == nil {
            throw ValidationError("--as-of \(quoted(asOf)) is not a point in the log; use \(PointInLog.syntax)")
        }
    }

    /// The live service, or a view of it as of the point, with a line saying which point that is.
    func service(_ live: LedgerService) async throws -> (LedgerService, note: String?) {
        guard let asOf, let point = PointInLog(asOf) else { return (live, nil) }
        let (view, position) = try await live.asOf(point)
        return (view, "as of \(point) (log position \(position))")
    }
}
