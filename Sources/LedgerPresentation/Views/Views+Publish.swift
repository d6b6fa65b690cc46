import ChannelLedger

extension Views {
    /// `publish --json`: `{channelsPublished, ordersPublished, deferred, failed, changed}`, the two
    /// lists as ``orderReasons(_:)`` writes them.
    public static func publishOutcome(_ outcome: PublishOutcome) -> JSONValue {
        .object([
            ("channelsPublished", .array(outcome.channelsPublished.map { .string($0) })),
            ("ordersPublished", .int(Int64(outcome.ordersPublished))),
            ("deferred", orderReasons(outcome.deferred)),
            ("failed", orderReasons(outcome.failed)),
            ("changed", .bool(outcome.changed)),
        ])
    }

    /// `[{orderId, reason, attempts, retryAt}]`; the last two null where they do not apply.
    static func orderReasons(_ orders: [PublishOutcome.Deferred]) -> JSONValue {
        .array(
            orders.map {
                .object([
                    ("orderId", .string($0.orderId)), ("reason", .string($0.reason)),
                    ("attempts", $0.attempts.map { .int(Int64($0)) } ?? .null),
                    ("retryAt", .string($0.retryAt?.rfc3339)),
                ])
            })
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
        lines += orderReasons(outcome.deferred, "deferred \(outcome.deferred.count) order(s), for a later pass:")
        lines += orderReasons(
            outcome.failed,
            "gave up on \(outcome.failed.count) order(s) (`\(Fix.ordersUnpublished)` lists them, "
                + "`\(Fix.publishRetryFailed)` tries again once the cause is fixed):")
        return lines.joined(separator: "\n")
    }

    /// A heading and the first twenty orders with their reasons; nothing when there are none.
    static func orderReasons(_ orders: [PublishOutcome.Deferred], _ heading: String) -> [String] {
        guard !orders.isEmpty else { return [] }
        return [heading] + orders.prefix(20).map { "  \($0.orderId): \(reasonText($0))" }
            + (orders.count > 20 ? ["  … and \(orders.count - 20) more (see --json)"] : [])
    }
}

extension Views {
    /// `publish status --json`: `{pendingChannels, pendingOrders, firstPendingOrders, retryingOrders,
    /// lastFailure, failedOrders, firstFailedOrders, lease}`, where `lastFailure` is `{orderId,
    /// reason, attempts, at, retryAt}` or null and `lease` is `{holder, expiresAt, running}` or null.
    public static func publishStatus(_ status: PublishStatus) -> JSONValue {
        .object([
            ("pendingChannels", .array(status.pendingChannels.map { .string($0) })),
            ("pendingOrders", .int(Int64(status.pendingOrders))),
            ("firstPendingOrders", .array(status.firstPendingOrders.map { .string($0) })),
            ("retryingOrders", .int(Int64(status.retryingOrders))),
            (
                "lastFailure",
                status.lastFailure.map {
                    .object([
                        ("orderId", .string($0.subject)), ("reason", .string($0.reason)),
                        ("attempts", .int(Int64($0.count))), ("at", .string($0.lastAt.rfc3339)),
                        ("retryAt", .string($0.retryAt.rfc3339)),
                    ])
                } ?? .null
            ),
            ("failedOrders", .int(Int64(status.failedOrders))),
            ("firstFailedOrders", orderReasons(status.firstFailedOrders)),
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
        if let failure = status.lastFailure {
            lines.append(
                "retrying: \(status.retryingOrders) order(s); last failure \(failure.lastAt.rfc3339) on \(failure.subject): "
                    + "\(failure.reason) (attempt \(failure.count), next after \(failure.retryAt.rfc3339))")
        }
        if status.failedOrders > 0 {
            lines.append(
                "gave up on: \(status.failedOrders) order(s); `\(Fix.ordersUnpublished)` lists them, "
                    + "`\(Fix.publishRetryFailed)` tries again")
            lines += status.firstFailedOrders.map { "  \($0.orderId): \(reasonText($0))" }
        }
        if let lease = status.lease, status.leaseRunning {
            lines.append("publisher: at work (\(lease.holder), lease until \(lease.expiresAt.rfc3339))")
        } else {
            lines.append(
                "publisher: no pass running now (a `serve` publishes as orders arrive); to publish now run `\(Fix.publish)`"
            )
        }
        return lines.joined(separator: "\n")
    }

    /// Why an order waits or was given up on, with its attempts: `not in the org yet (attempt 2,
    /// next after …)`.
    static func reasonText(_ order: PublishOutcome.Deferred) -> String {
        guard let attempts = order.attempts else { return order.reason }
        guard let retryAt = order.retryAt else { return "\(order.reason) (\(counted(attempts, "attempt")))" }
        return "\(order.reason) (\(counted(attempts, "failed attempt")), next after \(retryAt.rfc3339))"
    }
}
