import Foundation

/// The figures of one run: a table for people, JSON for tools.
struct Report {
    struct Row {
        var name: String
        var sample: Sample
        var unit: String
        var reference: (name: String, value: Double)?
        var target: Double?
        var lowerIsBetter: Bool

        /// The figure as a ratio to its reference (for lower-is-better figures, reference / figure is not used:
        /// the ratio is always figure / reference, and the target reads accordingly).
        var ratio: Double? { reference.map { sample.median / $0.value } }

        var met: Bool? {
            guard let ratio, let target else { return nil }
            return lowerIsBetter ? ratio <= target : ratio >= target
        }
    }

    let settings: Bench.Settings
    var rows: [Row] = []

    init(settings: Bench.Settings) {
        self.settings = settings
    }

    mutating func add(
        _ name: String, _ sample: Sample, unit: String, reference: (String, Double)? = nil, target: Double? = nil,
        lowerIsBetter: Bool = false
    ) {
        rows.append(
            Row(
                name: name, sample: sample, unit: unit, reference: reference.map { (name: $0.0, value: $0.1) },
                target: target, lowerIsBetter: lowerIsBetter))
    }

    private static func format(_ value: Double) -> String {
        if value >= 100 { return String(format: "%.0f", value) }
        if value >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }

    func table() -> String {
        var lines = [
            "ChannelLedger benchmark — \(settings.quick ? "quick" : "full"), median of \(settings.runs) runs, synchronous=FULL, \(ProcessInfo.processInfo.activeProcessorCount) cores",
            "",
        ]
        let header = ["figure", "median", "min", "max", "unit", "vs", "ratio", "target"]
        var cells = [header]
        for row in rows {
            cells.append([
                row.name, Self.format(row.sample.median), Self.format(row.sample.min), Self.format(row.sample.max),
                row.unit,
                row.reference?.name ?? "", row.ratio.map { Self.format($0) + "×" } ?? "",
                row.target.map {
                    (row.lowerIsBetter ? "≤ " : "≥ ") + Self.format($0) + "×" + (row.met == true ? " ok" : " MISSED")
                } ?? "",
            ])
        }
        let widths = (0..<header.count).map { column in cells.map { $0[column].count }.max() ?? 0 }
        for row in cells {
            lines.append(
                row.enumerated().map { index, cell in
                    index == 0
                        ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[index] - cell.count) + cell
                }.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        let objects: [[String: Any]] = rows.map { row in
            var object: [String: Any] = [
                "name": row.name, "unit": row.unit, "median": row.sample.median, "min": row.sample.min,
                "max": row.sample.max, "runs": row.sample.values.count,
            ]
            if let reference = row.reference {
                object["reference"] = reference.name
                object["referenceValue"] = reference.value
                object["ratio"] = row.ratio
            }
            if let target = row.target {
                object["target"] = target
                object["met"] = row.met
            }
            return object
        }
        let document: [String: Any] = [
            "quick": settings.quick, "runs": settings.runs, "synchronous": "FULL", "figures": objects,
        ]
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
