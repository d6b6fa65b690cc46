import EventSourcing

/// Where `--as-of` snapshots are placed and which of those kept are used (decision record 29).
///
/// A mark every ``interval`` positions, at multiples of it, so a fold as of any point reads at most
/// one interval of events after the read models at the mark before it. Marks are written by the
/// folds that pass them, so the first question about a part of the log folds it once and every
/// later one starts from a mark.
struct SnapshotPolicy {
    /// Positions between two marks.
    let interval: Int64
    /// Identifies what wrote a mark: the placement and the projections' names and versions.
    let fingerprint: String

    /// The policy of this build, for these projections.
    init(projections: [any Projection], interval: Int64 = 2_048) {
        self.interval = interval
        self.fingerprint =
            "marks-v2 every \(interval); "
            + projections.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
    }

    /// The marks a fold may start from: from the first, each following the one before without a
    /// gap (a mark deleted ends the chain there), all under this fingerprint. `foreign` says a mark
    /// was written under another one (another version of the projections): every mark is then
    /// dropped and written again.
    func chain(of marks: [SnapshotMark]) -> (usable: [SnapshotMark], foreign: Bool) {
        if marks.contains(where: { $0.fingerprint != fingerprint }) { return ([], true) }
        var usable: [SnapshotMark] = []
        for mark in marks.sorted(by: { $0.position < $1.position }) {
            guard mark.previous == (usable.last?.position ?? 0), mark.position == mark.previous + interval,
                mark.base == mark.position || mark.base == (usable.last?.base ?? 0)
            else { break }
            usable.append(mark)
        }
        return (usable, false)
    }

    /// Whether a mark is kept full: when the changed rows kept since its base, with its own,
    /// would be as many as the read models' rows. Reading a mark then takes fewer than twice the
    /// read models' rows, and the full marks take no more room than the changes they replace.
    func isFull(carried: Int64, changed: Int, rows: Int) -> Bool {
        carried + Int64(changed) >= Int64(rows)
    }

    /// The last mark of the chain at or before the point: every event up to it lies before the point.
    func start(for point: PointInLog, in chain: [SnapshotMark]) -> SnapshotMark? {
        chain.last { mark in
            switch point {
            case .position(let position): mark.position <= position
            case .time(let time): mark.latestTime <= time
            }
        }
    }
}
