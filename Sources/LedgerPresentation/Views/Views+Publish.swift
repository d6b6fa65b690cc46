import ChannelLedger

extension Views {
    /// `publish --json`: `{channelsPublished, ordersPublished, deferred: [{orderId, reason}], changed}`.
    public static func publishOutcome(_ outcome: PublishOutcome) -> JSONValue {
        .object([
            ("channelsPublished", .array(outcome.channelsPublished.map { .string($0) })),
            ("ordersPublished", .int(Int64(outcome.ordersPublished))),
            (
                "deferred",
                .array(
                    outcome.deferred.map {
                        .object([("orderId", .string($0.orderId)), ("reason", .string($0.reason))])
                    })
            ),
            ("changed", .bool(outcome.changed)),
        ])
    }
}

extension TextViews {
    /// `publish`: what reached the org, then what waits and why.
    public static func publishOutcome(_ outcome: PublishOutcome) -> String {
        var lines: [String] = []
        let channels = outcome.channelsPublished.map { "\"\($0)\"" }.joined(separator: ", ")
        lines.append(
            outcome.channelsPublished.isEmpty
                ? "no channel to publish" : "published \(outcome.channelsPublished.count) channel(s): \(channels)")
        lines.append("published \(outcome.ordersPublished) order(s)")
        if !outcome.deferred.isEmpty {
            lines.append("deferred \(outcome.deferred.count) order(s), for a later pass:")
            lines += outcome.deferred.prefix(20).map { "  \($0.orderId): \($0.reason)" }
            if outcome.deferred.count > 20 { lines.append("  … and \(outcome.deferred.count - 20) more (see --json)") }
        }
        return lines.joined(separator: "\n")
    }
}
