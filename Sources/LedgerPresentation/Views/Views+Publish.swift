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

extension Views {
    /// `publish status --json`: `{pendingChannels, pendingOrders, firstPendingOrders, lease}`, where
    /// `lease` is `{holder, expiresAt, running}` or null.
    public static func publishStatus(_ status: PublishStatus) -> JSONValue {
        .object([
            ("pendingChannels", .array(status.pendingChannels.map { .string($0) })),
            ("pendingOrders", .int(Int64(status.pendingOrders))),
            ("firstPendingOrders", .array(status.firstPendingOrders.map { .string($0) })),
            (
                "lease",
                status.lease.map {
                    .object([
                        ("holder", .string($0.holder)), ("expiresAt", .string($0.expiresAt.rfc3339)),
                        ("running", .bool(status.leaseRunning)),
                    ])
                } ?? .null
            ),
        ])
    }
}

extension TextViews {
    /// `publish status`: what waits, then who publishes.
    public static func publishStatus(_ status: PublishStatus) -> String {
        var lines: [String] = []
        let channels = status.pendingChannels.map { "\"\($0)\"" }.joined(separator: ", ")
        lines.append(
            status.pendingChannels.isEmpty
                ? "channels: none waiting" : "channels waiting: \(status.pendingChannels.count) (\(channels))")
        var orders = "orders waiting: \(status.pendingOrders)"
        if !status.firstPendingOrders.isEmpty {
            orders += " (\(status.firstPendingOrders.joined(separator: ", "))\(status.pendingOrders > 10 ? ", …" : ""))"
        }
        lines.append(orders)
        if let lease = status.lease, status.leaseRunning {
            lines.append("publisher: at work (\(lease.holder), lease until \(lease.expiresAt.rfc3339))")
        } else {
            lines.append("publisher: none at work; run `\(Fix.publish)`")
        }
        return lines.joined(separator: "\n")
    }
}
