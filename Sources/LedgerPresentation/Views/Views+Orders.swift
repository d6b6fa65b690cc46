import ChannelDomain
import ChannelLedger
import EventSourcing
import Foundation

extension Views {
    /// What personal fields print as once their customer is forgotten.
    public static let forgotten = "<forgotten>"

    /// An order as `orders list --json` shows it. `customer.name` and `customer.email` are the
    /// personal fields in clear, `<forgotten>` once the customer's key is deleted, null when the
    /// order carried none; `channel` names the channel by its name (null while unassociated).
    public static func order(_ summary: OrderSummary, channelName: String?, personal: PersonalFields?) -> JSONValue {
        let received = summary.received
        let (name, email): (String?, String?) =
            switch personal {
            case .known(let data)?: (data.name, data.email)
            case .forgotten?: (forgotten, forgotten)
            case nil: (nil, nil)
            }
        return .object([
            ("orderId", .string(received.orderId)),
            ("targetId", .string(received.targetId)),
            ("channelId", .string(summary.channelId.map(uuid))),
            ("channel", .string(channelName)),
            ("reason", summary.reason.map(reason) ?? .null),
            (
                "aliases",
                .array(
                    received.aliases.map {
                        .object([("aliasType", .string($0.aliasType)), ("aliasId", .string($0.aliasId))])
                    })
            ),
            ("currencies", .array(received.currencies.map { .string($0) })),
            ("totals", .object(received.totals.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("lineCount", .int(Int64(received.lineCount))),
            ("skus", .array(received.skus.map { .string($0) })),
            (
                "customer",
                .object([
                    ("id", .string(received.customerId)), ("emailDomain", .string(received.emailDomain)),
                    ("name", .string(name)), ("email", .string(email)),
                ])
            ),
            ("laterEvents", .int(Int64(summary.laterEvents))),
            ("lastEventType", .string(summary.lastEventType)),
            ("salesforceId", .string(summary.salesforceId)),
            ("published", .bool(summary.channelId != nil && !summary.needsPublication)),
            (
                "publishFailure",
                summary.publicationFailed ? summary.publicationFailure.map(publishFailure) ?? .null : .null
            ),
            ("version", .int(summary.version)),
            ("receivedAt", .string(summary.receivedAt.rfc3339)),
            ("updatedAt", .string(summary.updatedAt.rfc3339)),
        ])
    }

    /// `orders show --json`: the order as listed, plus its events oldest first (type, time, source,
    /// actor, and for associations the channel and the reason).
    public static func orderDetail(
        _ summary: OrderSummary, channelNames: [UUID: String], personal: PersonalFields?, events: [RecordedEvent]
    ) -> JSONValue {
        guard
            case .object(var members) = order(
                summary, channelName: summary.channelId.flatMap { channelNames[$0] }, personal: personal)
        else { return .null }
        members.append(("events", .array(events.map { orderEvent($0, channelNames: channelNames) })))
        return .object(members)
    }

    /// One event of an order's history.
    static func orderEvent(_ event: RecordedEvent, channelNames: [UUID: String]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("position", .int(event.position)), ("type", .string(event.type)),
            ("recordedAt", .string(event.recordedAt.rfc3339)), ("source", .string(event.metadata.source)),
            ("actor", .string(event.metadata.actor)),
        ]
        switch try? OrderEvent.codec.decode(event) {
        case .associated(let associated)?:
            members.append(("channelId", .string(uuid(associated.channelId))))
            members.append(("channel", .string(channelNames[associated.channelId])))
            members.append(("reason", reason(associated.reason)))
        case .reassociated(let moved)?:
            members.append(("fromChannelId", .string(uuid(moved.from))))
            members.append(("fromChannel", .string(channelNames[moved.from])))
            members.append(("channelId", .string(uuid(moved.to))))
            members.append(("channel", .string(channelNames[moved.to])))
            members.append(("reason", reason(moved.reason)))
        case .eventReceived(let later)?:
            members.append(("eventType", .string(later.eventType)))
            members.append(("eventId", .string(later.eventId)))
        case .published(let published)?:
            members.append(("channelId", .string(uuid(published.channelId))))
            members.append(("channel", .string(channelNames[published.channelId])))
            members.append(("salesforceId", .string(published.salesforceId)))
        case .publishFailed(let failed)?:
            members.append(("channelId", .string(uuid(failed.channelId))))
            members.append(("channel", .string(channelNames[failed.channelId])))
            members.append(("attempts", .int(Int64(failed.attempts))))
            members.append(("failure", .string(failed.reason)))
        case .received?, nil:
            break
        }
        return .object(members)
    }

    /// Why the publisher gave up on an order: `{attempts, reason}`.
    static func publishFailure(_ failed: OrderPublishFailed) -> JSONValue {
        .object([("attempts", .int(Int64(failed.attempts))), ("reason", .string(failed.reason))])
    }

    /// What `orders import --json` reports.
    public static func orderImport(_ summary: OrderImportSummary) -> JSONValue {
        .object([
            ("lines", .int(Int64(summary.lines))), ("received", .int(Int64(summary.received))),
            ("associated", .int(Int64(summary.associated))), ("unassociated", .int(Int64(summary.unassociated))),
            ("laterEvents", .int(Int64(summary.laterEvents))), ("duplicates", .int(Int64(summary.duplicates))),
            ("acknowledged", .int(Int64(summary.acknowledged))),
            ("customersForgotten", .int(Int64(summary.customersForgotten))),
            (
                "refused",
                .array(
                    summary.refused.map {
                        .object([
                            ("line", .int(Int64($0.line))), ("reason", .string(FailureReport.message(of: $0.error))),
                        ])
                    })
            ),
        ])
    }
}
