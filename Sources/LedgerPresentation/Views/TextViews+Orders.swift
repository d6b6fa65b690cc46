import ChannelDomain
import ChannelLedger
import EventSourcing
import Foundation

extension TextViews {
    /// `orders list`: one row per order.
    public static func orderTable(_ orders: [OrderSummary], channelNames: [UUID: String]) -> String {
        guard !orders.isEmpty else { return "no orders match; orders arrive through `\(Fix.ordersImport)`" }
        let rows =
            [["ORDER", "TARGET ID", "CHANNEL", "REASON", "TOTAL", "LINES", "RECEIVED"]]
            + orders.map { summary in
                [
                    summary.orderId, summary.received.targetId,
                    summary.channelId.map { channelNames[$0] ?? Views.uuid($0) } ?? "-",
                    summary.reason.map(reasonText) ?? "-", totals(summary.received.totals),
                    String(summary.received.lineCount), summary.receivedAt.rfc3339,
                ]
            }
        return table(rows)
    }

    /// `orders show`: the order, its customer, then its events with their reasons.
    public static func orderDetail(
        _ summary: OrderSummary, channelNames: [UUID: String], personal: PersonalFields?, events: [RecordedEvent]
    ) -> String {
        let received = summary.received
        let (name, email): (String, String) =
            switch personal {
            case .known(let data)?: (data.name ?? "-", data.email ?? "-")
            case .forgotten?: (Views.forgotten, Views.forgotten)
            case nil: ("-", "-")
            }
        var lines = [
            "Order        \(received.orderId)",
            "Target ID    \(received.targetId)",
            "Channel      \(summary.channelId.map { channelNames[$0] ?? Views.uuid($0) } ?? "- (unassociated)")",
            "Reason       \(summary.reason.map(reasonText) ?? "-")",
            "Aliases      \(received.aliases.isEmpty ? "-" : received.aliases.map { "\($0.aliasType) \($0.aliasId)" }.joined(separator: ", "))",
            "Total        \(totals(received.totals)) (\(received.lineCount) line\(received.lineCount == 1 ? "" : "s"))",
            "SKUs         \(received.skus.isEmpty ? "-" : received.skus.joined(separator: ", "))",
            "Customer     \(received.customerId ?? "-")",
            "Name         \(name)",
            "Email        \(email)",
            "Received     \(summary.receivedAt.rfc3339)",
            "Published    \(publicationText(summary))",
            "",
            "Events:",
        ]
        for event in events {
            lines.append(
                "  @\(event.position) \(event.recordedAt.rfc3339) \(eventLine(event, channelNames: channelNames))")
        }
        return lines.joined(separator: "\n")
    }

    /// One line per order event: its type and, for associations, the channel and the reason.
    static func eventLine(_ event: RecordedEvent, channelNames: [UUID: String]) -> String {
        let who = "(\(event.metadata.source), \(event.metadata.actor))"
        func name(_ id: UUID) -> String { "\"\(channelNames[id] ?? Views.uuid(id))\"" }
        switch try? OrderEvent.codec.decode(event) {
        case .associated(let associated)?:
            return "OrderAssociated → \(name(associated.channelId)): \(reasonText(associated.reason)) \(who)"
        case .reassociated(let moved)?:
            return "OrderReassociated \(name(moved.from)) → \(name(moved.to)): \(reasonText(moved.reason)) \(who)"
        case .eventReceived(let later)?:
            return "OrderEventReceived \(later.eventType) \(who)"
        case .published(let published)?:
            return "OrderPublished → \(name(published.channelId)) as Salesforce order \(published.salesforceId) \(who)"
        case .publishFailed(let failed)?:
            return
                "OrderPublishFailed → \(name(failed.channelId)) after \(counted(failed.attempts, "attempt")): \(failed.reason) \(who)"
        case .received?, nil:
            return "\(event.type) \(who)"
        }
    }

    /// Where the order stands with the org: `yes, as Salesforce order 801…`, `pending`, `failed …`, `-`.
    static func publicationText(_ summary: OrderSummary) -> String {
        if summary.channelId == nil { return "- (unassociated)" }
        if !summary.needsPublication { return "yes, as Salesforce order \(summary.salesforceId ?? "-")" }
        if summary.publicationFailed, let failure = summary.publicationFailure {
            return "failed after \(counted(failure.attempts, "attempt")): \(failure.reason)"
                + " (`\(Fix.publishRetryFailed)` tries again)"
        }
        return "pending"
    }

    /// `orders list --unpublished`: the orders the org has not been told, pending or failed.
    public static func unpublishedOrderTable(_ orders: [OrderSummary], channelNames: [UUID: String]) -> String {
        guard !orders.isEmpty else { return "no order waits for the org" }
        let rows =
            [["ORDER", "CHANNEL", "PUBLICATION", "UPDATED"]]
            + orders.map { summary in
                [
                    summary.orderId, summary.channelId.map { channelNames[$0] ?? Views.uuid($0) } ?? "-",
                    summary.publicationFailed
                        ? "failed: "
                            + (summary.publicationFailure.map {
                                "\($0.reason) (\(counted($0.attempts, "attempt")))"
                            } ?? "-")
                        : "pending",
                    summary.updatedAt.rfc3339,
                ]
            }
        return table(rows)
    }

    /// A reason in a few words: `rule eu-orders (flow revision 3)`, `manual: text`, `upgrade`.
    public static func reasonText(_ reason: OrderAssociationReason) -> String {
        switch reason {
        case .rule(let name, let revision, let skipped):
            "rule \(name) (flow revision \(revision))"
                + (skipped.isEmpty ? "" : "; skipped \(skipped.joined(separator: ", ")) (channel not live)")
        case .manual(let text): "manual: \(text)"
        case .upgrade: "upgrade"
        }
    }

    /// Totals per currency: `39.98 EUR, 5.00 USD`, or `-`.
    static func totals(_ totals: [String: String]) -> String {
        totals.isEmpty ? "-" : totals.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }

    /// What `orders import` did, in one line.
    public static func orderImport(_ summary: OrderImportSummary) -> String {
        "\(summary.lines) lines: \(summary.received) orders received (\(summary.associated) associated, "
            + "\(summary.unassociated) unassociated), \(summary.laterEvents) later events, "
            + "\(summary.duplicates) already recorded, \(summary.acknowledged) about unknown orders, "
            + (summary.customersForgotten > 0 ? "\(summary.customersForgotten) customers forgotten, " : "")
            + "\(summary.refused.count) not imported"
    }
}
