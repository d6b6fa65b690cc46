import ChannelDomain
import EventSourcing
import Foundation
import Transport

/// What one publisher pass knows while it writes orders: where to (the org, its fields, the
/// channels' `SalesChannel` ids) and each order's failed attempts so far; decides which orders go
/// into the next composite request, and what a failure of one means.
struct OrderBatches {
    /// An order to write in the next request.
    struct Pending {
        var order: String
        var channel: UUID
        var update: OrderChannelUpdate
        /// The attempts of the publication given up on, for an order tried again by `--retry-failed`.
        var attemptsBefore = 0
    }

    /// Whether an order goes into the request, or waits (with why).
    enum Plan {
        case write(Pending)
        case wait(PublishOutcome.Deferred)
    }

    /// What a failed attempt leads to.
    enum AfterFailure {
        /// Kept with its count and next time.
        case retryLater(WorkAttempt)
        /// Out of attempts (or a retry asked for failed): the publisher gives up, after this many.
        case giveUp(attempts: Int)
    }

    let salesforce: any SalesforceTransport
    let org: SalesforceOrg
    let settings: SettingsState
    let channels: [UUID: ChannelState]
    let now: Timestamp
    /// Failed attempts by order id, as kept beside the lease (kept current by the pass).
    var attempts: [String: WorkAttempt]

    init(
        salesforce: any SalesforceTransport, org: SalesforceOrg, settings: SettingsState,
        channels: [UUID: ChannelState],
        now: Timestamp, attempts: [WorkAttempt]
    ) {
        self.salesforce = salesforce
        self.org = org
        self.settings = settings
        self.channels = channels
        self.now = now
        self.attempts = Dictionary(attempts.map { ($0.subject, $0) }, uniquingKeysWith: { $1 })
    }

    /// The `Order` fields the settings name.
    var fields: OrderChannelFields {
        OrderChannelFields(
            externalIDField: settings.value(of: .orderExternalIDField),
            channelField: settings.value(of: .orderChannelField))
    }

    /// Whether `order` goes into the next request: not before its channel is published, nor before
    /// its next attempt is due (unless retrying one the publisher gave up on after `attemptsBefore`).
    func plan(_ order: String, channel: UUID, retrying attemptsBefore: Int? = nil) -> Plan {
        let retrying = attemptsBefore != nil
        guard let salesChannel = channels[channel]?.published?.salesforceId else {
            let name = channels[channel]?.name ?? channel.uuidString.lowercased()
            return .wait(.init(orderId: order, reason: "channel \"\(name)\" is not published yet"))
        }
        if !retrying, let attempt = current(order, channel), attempt.retryAt > now {
            return .wait(Self.deferred(attempt))
        }
        return .write(
            Pending(
                order: order, channel: channel,
                update: OrderChannelUpdate(orderID: order, salesChannelID: salesChannel),
                attemptsBefore: attemptsBefore ?? 0))
    }

    /// What the failure of an attempt at `pending` means: another attempt later, or giving up.
    func failed(_ pending: Pending, reason: String, retrying: Bool) -> AfterFailure {
        if retrying { return .giveUp(attempts: pending.attemptsBefore + 1) }
        let count = (current(pending.order, pending.channel)?.count ?? 0) + 1
        let maximum = settings.publishMaxAttempts
        guard count < maximum else { return .giveUp(attempts: count) }
        let delay = settings.publishRetryDelay(after: count)
        let retryAt = Timestamp(millisecondsSince1970: now.millisecondsSince1970 + delay.milliseconds)
        let attempt = WorkAttempt(
            subject: pending.order, target: pending.channel.uuidString.lowercased(), count: count, reason: reason,
            lastAt: now, retryAt: retryAt)
        return .retryLater(attempt)
    }

    /// An order waiting for its next attempt, as a pass reports it.
    static func deferred(_ attempt: WorkAttempt) -> PublishOutcome.Deferred {
        .init(orderId: attempt.subject, reason: attempt.reason, attempts: attempt.count, retryAt: attempt.retryAt)
    }

    /// The attempts at writing `order` with `channel`; those at another channel do not count.
    private func current(_ order: String, _ channel: UUID) -> WorkAttempt? {
        attempts[order].flatMap { $0.target == channel.uuidString.lowercased() ? $0 : nil }
    }
}

extension Duration {
    /// Whole milliseconds.
    fileprivate var milliseconds: Int64 {
        components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000
    }
}
