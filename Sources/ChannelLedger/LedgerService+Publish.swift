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

    /// Writes the associations whose channel the org holds, a batch at a time, and records each
    /// order the org updated: with `retryFailed`, first one more attempt at each order the
    /// publisher gave up on, then the pending ones.
    ///
    /// An order the org does not take (not there yet, or refused) is tried again after
    /// `publish.retry-delay`, doubled with each failure; after `publish.max-attempts` the pass records
    /// `OrderPublishFailed` and leaves it alone. The counts and times live beside the lease
    /// (``EventStore/saveAttempts(_:for:)``), not in the log.
    private func publishOrders(
        _ salesforce: any SalesforceTransport, _ org: SalesforceOrg, _ settings: SettingsState,
        _ context: CommandContext, retryFailed: Bool, into outcome: inout PublishOutcome,
        keepLease: () async throws -> Void
    ) async throws {
        var channels: [UUID: ChannelState] = [:]
        for channel in try await self.channels() {
            if let id = channel.state.id { channels[id] = channel.state }
        }
        var batches = OrderBatches(
            salesforce: salesforce, org: org, settings: settings, channels: channels, now: Timestamp(Date()),
            attempts: try await store.attempts(Self.publisherLease))
        if retryFailed {
            try await publishIndex(
                ReadModels.orderPublicationFailedIndex, retrying: true, &batches, context, &outcome, keepLease)
        }
        let visited = try await publishIndex(
            ReadModels.orderPublicationIndex, retrying: false, &batches, context, &outcome, keepLease)
        // Attempts at orders no longer pending (published or moved by another pass): forgotten.
        try await store.clearAttempts(
            batches.attempts.keys.filter { !visited.contains($0) }, for: Self.publisherLease)
    }

    /// One index of orders, a page (a composite request) at a time; returns the orders it saw.
    ///
    /// Pipelined in three: while a page's orders are sent to the org, the next page is read, and
    /// the batch before is recorded; each batch's records start only after the one before them
    /// committed. Pages hold other orders, so nothing one batch records changes what the next
    /// decides; the outcome is merged in page order. A pass that fails lets the record in flight
    /// finish before it ends.
    @discardableResult
    private func publishIndex(
        _ index: String, retrying: Bool, _ batches: inout OrderBatches, _ context: CommandContext,
        _ outcome: inout PublishOutcome, _ keepLease: () async throws -> Void
    ) async throws -> Set<String> {
        var seen: Set<String> = []
        var recording: Task<BatchRecord, any Error>?
        var reading: Task<PublishPage, any Error>? = Task { try await self.publishPage(index, after: nil) }
        do {
            while let current = reading {
                let page = try await current.value
                reading = page.next.map { after in Task { try await self.publishPage(index, after: after) } }
                var batch = BatchRecord()
                var updates: [OrderBatches.Pending] = []
                for (order, summary) in page.summaries {
                    guard let channel = summary.channelId,
                        retrying ? summary.publicationFailed : summary.awaitsPublication
                    else { continue }
                    seen.insert(order)
                    let attemptsBefore = retrying ? summary.publicationFailure?.attempts ?? 0 : nil
                    switch batches.plan(order, channel: channel, retrying: attemptsBefore) {
                    case .write(let pending): updates.append(pending)
                    case .wait(let deferred): batch.deferred.append(deferred)
                    }
                }
                guard !updates.isEmpty else {
                    if let previous = recording {
                        recording = nil
                        Self.merge(try await previous.value, into: &outcome, &batches)
                    }
                    Self.merge(batch, into: &outcome, &batches)
                    continue
                }
                try await keepLease()
                let results = try await batches.salesforce.setOrdersChannel(
                    updates.map(\.update), fields: batches.fields, in: batches.org)
                let summaries = Dictionary(page.summaries, uniquingKeysWith: { $1 })
                let records = Self.decide(updates, results, summaries, retrying: retrying, batches, into: &batch)
                if let previous = recording {
                    recording = nil
                    Self.merge(try await previous.value, into: &outcome, &batches)
                }
                recording = Task { [batch] in try await self.record(records, batch, context) }
            }
            if let previous = recording {
                recording = nil
                Self.merge(try await previous.value, into: &outcome, &batches)
            }
        } catch {
            reading?.cancel()
            _ = try? await recording?.value
            throw error
        }
        return seen
    }

    /// A page of an index: its orders' summaries in index order, and where the next page starts.
    struct PublishPage: Sendable {
        var summaries: [(order: String, summary: OrderSummary)]
        var next: String?
    }

    /// Up to 25 orders of `index` after `after`, their summaries read in one read.
    private func publishPage(_ index: String, after: String?) async throws -> PublishPage {
        let claims = try await reader.claims(index, prefix: "", after: after, limit: Self.publishBatchSize)
        let summaries = try await orderSummaries(claims.map(\.owner))
        return PublishPage(
            summaries: claims.compactMap { claim in summaries[claim.owner].map { (claim.owner, $0) } },
            next: claims.count == Self.publishBatchSize ? claims.last?.value : nil)
    }

    /// What one batch leads to, merged into the pass's outcome in page order.
    struct BatchRecord: Sendable {
        /// Orders left for later: waiting (planned) first, then those the org did not take.
        var deferred: [PublishOutcome.Deferred] = []
        /// Orders given up on.
        var failed: [PublishOutcome.Deferred] = []
        /// Attempts to keep, and orders whose attempts end.
        var saved: [WorkAttempt] = []
        var cleared: [String] = []
        /// What the append recorded.
        var published = 0
        var failuresRecorded = 0
    }

    /// The records a batch's results call for (published, or given up on), each on its summary;
    /// the attempts to keep or forget and the orders deferred or failed go into `batch`.
    private static func decide(
        _ updates: [OrderBatches.Pending], _ results: [OrderChannelResult], _ summaries: [String: OrderSummary],
        retrying: Bool, _ batches: OrderBatches, into batch: inout BatchRecord
    ) -> [CommandRunner.Known<Order>] {
        var records: [CommandRunner.Known<Order>] = []
        func record(_ order: String, _ command: OrderCommand) {
            guard let summary = summaries[order] else { return }
            records.append(
                .init(
                    stream: Streams.order(order), state: summary.publicationState, version: summary.version,
                    command: command))
        }
        for (pending, result) in zip(updates, results) {
            let failure: String
            switch result {
            case .updated(_, let salesforceId):
                record(pending.order, .recordPublication(salesforceId: salesforceId, channel: pending.channel))
                if batches.attempts[pending.order] != nil { batch.cleared.append(pending.order) }
                continue
            case .notFound: failure = "not in the org yet"
            case .failed(_, let code, let message): failure = "\(code): \(message)"
            }
            switch batches.failed(pending, reason: failure, retrying: retrying) {
            case .retryLater(let attempt):
                batch.saved.append(attempt)
                batch.deferred.append(OrderBatches.deferred(attempt))
            case .giveUp(let attempts):
                record(
                    pending.order,
                    .recordPublicationFailure(channel: pending.channel, attempts: attempts, reason: failure))
                batch.failed.append(.init(orderId: pending.order, reason: failure, attempts: attempts))
                if batches.attempts[pending.order] != nil { batch.cleared.append(pending.order) }
            }
        }
        return records
    }

    /// Records a batch: its events in one append (one commit for up to 25 orders, decided on the
    /// summaries read for it; an order that moved since makes each decide again on fresh state),
    /// then the attempts kept and forgotten.
    private func record(
        _ records: [CommandRunner.Known<Order>], _ batch: BatchRecord, _ context: CommandContext
    ) async throws -> BatchRecord {
        var batch = batch
        let recorded = try await runner.runAll(
            Order.self, known: records, codec: OrderEvent.codec, context: context, payload: { $0.payload })
        for (record, changed) in zip(records, recorded) where changed {
            if case .recordPublication = record.command {
                batch.published += 1
            } else {
                batch.failuresRecorded += 1
            }
        }
        try await store.saveAttempts(batch.saved, for: Self.publisherLease)
        try await store.clearAttempts(batch.cleared, for: Self.publisherLease)
        return batch
    }

    /// Adds what a batch did to the pass's outcome and its attempts to the pass's memory.
    private static func merge(_ batch: BatchRecord, into outcome: inout PublishOutcome, _ batches: inout OrderBatches) {
        outcome.ordersPublished += batch.published
        outcome.failuresRecorded += batch.failuresRecorded
        outcome.deferred += batch.deferred
        outcome.failed += batch.failed
        for attempt in batch.saved { batches.attempts[attempt.subject] = attempt }
        for order in batch.cleared { batches.attempts[order] = nil }
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
