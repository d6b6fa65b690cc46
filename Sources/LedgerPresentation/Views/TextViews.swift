import ChannelDomain
import ChannelLedger
import EventSourcing
import Foundation

/// Text output for people: short, aligned, no secrets.
public enum TextViews {
    /// One line after a channel command: what changed and where the channel stands.
    public static func channelLine(_ summary: ChannelSummary, changed: Bool, verb: String) -> String {
        let state = summary.state
        let head = changed ? "\(verb) channel \"\(state.name)\"" : "channel \"\(state.name)\" unchanged (nothing to do)"
        return "\(head): status \(state.status.rawValue), credentials \(state.credentialsStatus.rawValue), "
            + "mappings \(state.activeMappingCount)/\(state.mappings.count) active"
    }

    /// `channels list`: one row per channel.
    public static func channelTable(_ channels: [ChannelSummary]) -> String {
        guard !channels.isEmpty else {
            return "no channels yet; create one with `\(Fix.create)`"
        }
        let rows =
            [["NAME", "STATUS", "CREDENTIALS", "TARGET ID", "MAPPINGS", "TRANSPORT", "ID"]]
            + channels.map { summary in
                let state = summary.state
                return [
                    state.name, state.status.rawValue, state.credentialsStatus.rawValue,
                    state.credentials?.targetId ?? state.pending?.targetId ?? "-",
                    "\(state.activeMappingCount)/\(state.mappings.count)", state.transport,
                    state.id.map(Views.uuid) ?? "-",
                ]
            }
        return table(rows)
    }

    /// `channels show`: one field per line, then the mappings.
    public static func channelDetail(_ summary: ChannelSummary) -> String {
        let state = summary.state
        var lines = [
            "Channel      \(state.name)",
            "Id           \(state.id.map(Views.uuid) ?? "-")",
            "Status       \(state.status.rawValue)" + (state.suspensionReason.map { " (\($0))" } ?? ""),
            "Credentials  \(state.credentialsStatus.rawValue)",
            "Transport    \(state.transport)" + (state.endpoint.map { " (\($0))" } ?? ""),
            "Created      \(summary.createdAt.rfc3339)",
            "Updated      \(summary.updatedAt.rfc3339)  (version \(summary.version))",
        ]
        if let active = state.credentials {
            lines.append(
                "In force     client \(active.clientId), target \(active.targetId), secret \(active.fingerprint)")
        }
        if let pending = state.pending {
            var line =
                "Pending      client \(pending.clientId), target \(pending.targetId), secret \(pending.secret.fingerprint)"
            if let failure = pending.failure { line += " — failed: \(failure.code): \(failure.message)" }
            lines.append(line)
        }
        if let published = state.published {
            lines.append(
                "Salesforce   SalesChannel \(published.salesforceId), published \(summary.publishedAt?.rfc3339 ?? "-")"
                    + (state.needsPublication ? " (changed since: `\(Fix.publish)` writes it again)" : ""))
        } else if state.needsPublication {
            lines.append("Salesforce   not published yet; run `\(Fix.publish)`")
        }
        lines.append("Mappings     \(state.activeMappingCount)/\(state.mappings.count) active")
        lines.append(mappingTable(state))
        return lines.joined(separator: "\n")
    }

    /// `mappings list`: one row per mapping with its required fields.
    public static func mappingTable(_ state: ChannelState) -> String {
        var rows = [["MAPPING", "OBJECT", "STATUS", "REQUIRED FIELDS"]]
        for mapping in state.mappings {
            let fields = (state.requiredFieldStatus(of: mapping.name) ?? []).map {
                "\($0.field)=\($0.source?.raw ?? "(unassigned)")"
            }
            rows.append([
                mapping.name, mapping.object, mapping.active ? "active" : "inactive", fields.joined(separator: ", "),
            ])
        }
        return table(rows)
    }

    /// One `history` line.
    public static func event(_ event: RecordedEvent) -> String {
        let payload = Views.event(event)["payload"]?.serialized() ?? ""
        return "\(event.position)  \(event.recordedAt.rfc3339)  \(event.stream)@\(event.version)  \(event.type)  "
            + "by \(event.metadata.actor) via \(event.metadata.source)  \(payload)"
    }

    /// `history show`: one field per line, the payload indented as JSON.
    public static func eventDetail(_ detail: EventDetail) -> String {
        let event = detail.event
        let payload = Views.event(event)["payload"]?.serialized() ?? ""
        let rows: [[String]] = [
            ["Position", String(event.position)],
            ["Event id", Views.uuid(event.id)],
            ["Stream", "\(event.stream) (version \(event.version))"],
            [
                "Type",
                event.type + " (schema \(event.schemaVersion))"
                    + (detail.typeIsKnown ? "" : ", unknown to this version: shown raw"),
            ],
            ["Recorded at", event.recordedAt.rfc3339],
            ["Actor", event.metadata.actor],
            ["Source", event.metadata.source],
            ["Correlation id", event.metadata.correlationID.map(Views.uuid) ?? "-"],
            ["Causation id", event.metadata.causationID.map(Views.uuid) ?? "-"],
            ["Hash", event.hash.hexString],
            ["Previous hash", detail.previousHash.hexString],
            ["Hash checks", detail.hashChecks ? "yes" : "NO: run `\(Fix.verify)`"],
            ["Payload", payload],
        ]
        return table(rows)
    }

    /// `stats`: the total, then one table per grouping, largest first.
    public static func stats(_ stats: LogStats) -> String {
        guard let positions = stats.positions else { return "no events" }
        var sections = ["\(stats.total) events, positions \(positions.lowerBound) to \(positions.upperBound)"]
        for (title, counts) in [
            ("TYPE", stats.byType), ("CATEGORY", stats.byCategory), ("ACTOR", stats.byActor),
        ] {
            let rows = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { [$0.key, String($0.value)] }
            sections.append(table([[title, "EVENTS"]] + rows))
        }
        let days = stats.byDay.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] }
        sections.append(table([["DAY (UTC)", "EVENTS"]] + days))
        return sections.joined(separator: "\n\n")
    }

    /// What `verify` says of an intact log.
    public static func verified(_ head: LogHead) -> String {
        "intact: \(head.position) events, head hash \(head.hash.hexString)"
    }

    /// `settings list`: key, value, and who set it when.
    public static func settings(_ settings: [SettingView]) -> String {
        table(
            [["KEY", "VALUE", "SET"]]
                + settings.map { setting in
                    [
                        setting.key.rawValue, setting.value,
                        setting.isDefault
                            ? "default" : "by \(setting.setBy ?? "-") at \(setting.setAt?.rfc3339 ?? "-")",
                    ]
                })
    }

    /// A count with its noun, singular for one: `1 attempt`, `3 attempts`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// Rows as aligned columns.
    public static func table(_ rows: [[String]]) -> String {
        let widths = rows.reduce(into: [Int](repeating: 0, count: rows[0].count)) { widths, row in
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Where the master key comes from, or why none is usable here.
    public static func keyCustody(_ custody: Result<MasterKey.Source, any Error>) -> String {
        switch custody {
        case .success(.ephemeral): "an ephemeral key (this store's secrets cannot be read elsewhere)"
        case .success(let source): source.description
        case .failure(let error): "no usable key here (\(FailureReport.message(of: error)))"
        }
    }
}
