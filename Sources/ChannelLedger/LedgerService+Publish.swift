import ChannelDomain
import EventSourcing
import Foundation
import Transport

extension LedgerService {
    /// How many orders one composite request updates.
    static let publishBatchSize = 25
    /// The lease that lets one publisher work at a time, whichever process runs it.
    static let publisherLease = "publisher"
    /// How long the lease runs unless renewed: a minute, or four request timeouts when that is
    /// longer, so one write and its retries fit between two renewals.
    static func publisherLeaseTime(_ settings: SettingsState) -> Int64 {
        max(60_000, 4 * Int64(settings.requestTimeout.components.seconds) * 1_000)
    }

    /// One pass of the publisher: every channel the org does not hold as it is now (found by its
    /// target ID or created, then updated by its Salesforce id), then every association the org
    /// has not been told, in batches of 25 through the connected app. Each write is recorded
    /// (`SalesChannelPublished`, `OrderPublished`, source `publisher`) once it succeeded; the
    /// deciders record nothing for what is already published, so a repeated pass is harmless.
    ///
    /// Orders of channels not published yet stay pending and are listed as deferred; orders the org
    /// does not have yet, or refuses, are tried again after a delay that doubles (`publish.retry-delay`)
    /// and given up on after `publish.max-attempts` (`OrderPublishFailed`).
    ///
    /// One publisher works at a time: the pass takes the publisher lease first (refused with
    /// ``LedgerError/publisherBusy(holder:until:)`` while another process holds it), renews it
    /// before a write once a third of its time has passed, and gives it up at the end, so a
    /// find-then-create never races another's.
    ///
    /// With `retryFailed`, the orders it gave up on (`OrderPublishFailed`) are tried once more first.
    public func publish(context: CommandContext, retryFailed: Bool = false) async throws -> PublishOutcome {
        var context = context
        context.source = "publisher"
        // Nothing due: no lease, no key, no call (serve's publisher wakes on every new event).
        let work = try await somethingToPublish(retryFailed: retryFailed)
        guard work.due else {
            var outcome = PublishOutcome()
            outcome.deferred = work.waiting.map(OrderBatches.deferred)
            return outcome
        }
        // Unique per pass: two passes in one process must not renew or release each other's lease.
        let holder = LeaseHolder.current(
            actor: context.actor, tag: String(UUIDv7.make().uuidString.lowercased().suffix(8)))
        let settings = try await callSettings()
        let leaseTime = Self.publisherLeaseTime(settings)
        try await holdPublisherLease(holder, for: leaseTime, renewing: false)
        do {
            guard let app = try await connectedApp()?.state.inForce else { throw LedgerError.connectedAppMissing }
            do {
                // Renewed before a write once a third of its time has passed: every write starts with
                // at least two thirds of the lease left (over 2.6 request timeouts), and a pass of
                // many quick batches does not commit a renewal per batch.
                var renewed = ContinuousClock.now
                let outcome = try await publishPass(context, app: app, settings: settings, retryFailed: retryFailed) {
                    guard ContinuousClock.now - renewed >= .milliseconds(leaseTime / 3) else { return }
                    try await self.holdPublisherLease(holder, for: leaseTime, renewing: true)
                    renewed = ContinuousClock.now
                }
                try await store.releaseLease(Self.publisherLease, holder: holder)
                return outcome
            } catch TransportError.rejected(.salesforce, let code, let message)
                where Self.revocationCodes.contains(code)
            {
                // Salesforce refuses the app in force: its authorization ends, and nothing goes live
                // or is published until it is registered and authorized again.
                try await runner.run(
                    ConnectedApp.self, stream: Streams.connectedApp, codec: ConnectedAppEvent.codec, context: context,
                    payload: { $0.payload }
                ) { _ in .revoke(fingerprint: app.secret.fingerprint, code: code, message: message) }
                throw LedgerError.connectedAppRevoked(code: code, message: message)
            }
        } catch {
            try? await store.releaseLease(Self.publisherLease, holder: holder)
            throw error
        }
    }

    /// Whether any channel or association waits for the org, from the read models alone.
    /// An order whose next attempt is not due yet does not count: a backlog of orders the org does
    /// not have yet costs `serve`'s publisher no lease and no key on each wake-up. When nothing is
    /// due, the orders waiting for their next attempt are returned, to be reported as deferred.
    private func somethingToPublish(retryFailed: Bool) async throws -> (due: Bool, waiting: [WorkAttempt]) {
        if try await channels().contains(where: \.state.needsPublication) { return (true, []) }
        if retryFailed,
            !(try await reader.claims(ReadModels.orderPublicationFailedIndex, prefix: "", after: nil, limit: 1).isEmpty)
        {
            return (true, [])
        }
        let now = Timestamp(Date())
        let attempts = try await currentAttempts().filter { $0.retryAt > now }
        let waiting = Dictionary(attempts.map { ($0.subject, $0) }, uniquingKeysWith: { $1 })
        var pending: [WorkAttempt] = []
        var after: String?
        repeat {
            let page = try await reader.claims(ReadModels.orderPublicationIndex, prefix: "", after: after, limit: 1_000)
            for claim in page {
                guard let attempt = waiting[claim.owner] else { return (true, []) }
                pending.append(attempt)
            }
            after = page.count == 1_000 ? page.last?.value : nil
        } while after != nil
        return (false, pending)
    }

    /// The OAuth errors by which Salesforce's token endpoint refuses a connected app that used to
    /// work: it was revoked, or its secret or its user changed.
    static let revocationCodes: Set<String> = ["invalid_client", "invalid_grant", "unauthorized_client"]

    /// Takes (or, `renewing`, renews) the publisher lease for `holder`, or throws naming who holds
    /// it: before the pass, ``LedgerError/publisherBusy(holder:until:)``; during it (the lease ran
    /// out and another took it), ``LedgerError/publisherLeaseLost(holder:)``.
    ///
    /// A lease held by a process of this host that no longer runs (killed mid-pass) is taken at
    /// once rather than after it runs out: as if expired, so of several passes doing so one wins.
    private func holdPublisherLease(_ holder: String, for time: Int64, renewing: Bool) async throws {
        let now = Timestamp(Date())
        let until = Timestamp(millisecondsSince1970: now.millisecondsSince1970 + time)
        var lease = try await store.acquireLease(Self.publisherLease, holder: holder, now: now, until: until)
        if !renewing, lease.holder != holder, LeaseHolder(lease.holder)?.diedOnThisMachine == true {
            logger.info("publisher: taking the lease of \(lease.holder), which no longer runs")
            // Beyond the dead holder's expiry, so no other racer can take it from the one that wins.
            let beyond = Timestamp(
                millisecondsSince1970: max(until.millisecondsSince1970, lease.expiresAt.millisecondsSince1970 + 1))
            lease = try await store.acquireLease(
                Self.publisherLease, holder: holder, now: lease.expiresAt, until: beyond)
        }
        guard lease.holder == holder else {
            throw renewing
                ? LedgerError.publisherLeaseLost(holder: lease.holder)
                : LedgerError.publisherBusy(holder: lease.holder, until: lease.expiresAt)
        }
    }

    /// The pass itself; `keepLease` runs before every write to the org (renewing the lease once a
    /// third of its time has passed), so the lease covers each one.
    private func publishPass(
        _ context: CommandContext, app: ConnectedAppRegistration, settings: SettingsState, retryFailed: Bool,
        keepLease: () async throws -> Void
    ) async throws -> PublishOutcome {
        let descriptor = try await transports.resolve(app.transport)
        let org = settings.org(
            consumerKey: app.consumerKey, secret: try await vault().open(app.secret), myDomain: app.myDomain)
        var outcome = PublishOutcome()
        for channel in try await channels() where channel.state.needsPublication {
            try await keepLease()
            do {
                if try await publishChannel(channel.state, descriptor.salesforce, org, context) {
                    outcome.channelsPublished.append(channel.state.name)
                }
            } catch DomainError.channelArchived {
                continue  // archived during the pass: nothing more to publish of it
            }
        }
        try await publishOrders(
            descriptor.salesforce, org, settings, context, retryFailed: retryFailed, into: &outcome,
            keepLease: keepLease)
        return outcome
    }

    /// Writes one channel as a `SalesChannel` and records it; returns whether it recorded anything.
    private func publishChannel(
        _ state: ChannelState, _ salesforce: any SalesforceTransport, _ org: SalesforceOrg, _ context: CommandContext
    ) async throws -> Bool {
        guard let id = state.id, let targetId = state.credentials?.targetId else { return false }
        let fields = SalesChannelFields(salesChannelName: state.name, externalChannelNumber: targetId)
        let salesforceId: String
        if let published = state.published {
            try await salesforce.updateSalesChannel(id: published.salesforceId, fields, in: org)
            salesforceId = published.salesforceId
        } else if let found = try await salesforce.findSalesChannel(externalChannelNumber: targetId, in: org) {
            // Created by an earlier pass that stopped before recording it, or by hand: adopted.
            if found.fields != fields { try await salesforce.updateSalesChannel(id: found.id, fields, in: org) }
            salesforceId = found.id
        } else {
            salesforceId = try await salesforce.createSalesChannel(fields, in: org)
        }
        return try await runner.run(
            Channel.self, stream: Streams.channel(id), codec: ChannelEvent.codec, context: context,
            payload: { $0.payload }
        ) { _ in .recordPublication(salesforceId: salesforceId, name: state.name, targetId: targetId) }
    }

    /// What waits for the org and who publishes now, read from the read models and the lease;
    /// records nothing and calls nothing.
    public func publishStatus() async throws -> PublishStatus {
        let channels = try await channels().filter(\.state.needsPublication).map(\.state.name)
        let (pending, firstPending) = try await countIndex(ReadModels.orderPublicationIndex)
        let (failed, firstFailed) = try await countIndex(ReadModels.orderPublicationFailedIndex)
        var failures: [PublishOutcome.Deferred] = []
        for order in firstFailed {
            guard let failure = try await orderSummary(order)?.publicationFailure else { continue }
            failures.append(.init(orderId: order, reason: failure.reason, attempts: failure.attempts))
        }
        let attempts = try await currentAttempts()
        let lease = try await store.lease(Self.publisherLease)
        return PublishStatus(
            pendingChannels: channels, pendingOrders: pending, firstPendingOrders: firstPending, failedOrders: failed,
            firstFailedOrders: failures, retryingOrders: attempts.count,
            lastFailure: attempts.max { $0.lastAt.millisecondsSince1970 < $1.lastAt.millisecondsSince1970 },
            lease: lease, leaseRunning: lease.map { $0.expiresAt > Timestamp(Date()) } ?? false)
    }

    /// The kept attempts that still apply: of an order that waits for the org with the channel
    /// they were for (one moved since starts afresh, and one published needs none).
    private func currentAttempts() async throws -> [WorkAttempt] {
        var current: [WorkAttempt] = []
        for attempt in try await store.attempts(Self.publisherLease) {
            guard let summary = try await orderSummary(attempt.subject), summary.awaitsPublication,
                summary.channelId?.uuidString.lowercased() == attempt.target
            else { continue }
            current.append(attempt)
        }
        return current
    }

    /// How many orders an index holds, and the first ten.
    private func countIndex(_ index: String) async throws -> (count: Int, first: [String]) {
        var count = 0
        var first: [String] = []
        var after: String?
        repeat {
            let page = try await reader.claims(index, prefix: "", after: after, limit: 1_000)
            count += page.count
            if first.count < 10 { first += page.prefix(10 - first.count).map(\.owner) }
            after = page.count == 1_000 ? page.last?.value : nil
        } while after != nil
        return (count, first)
    }
}
