import ChannelDomain
import EventSourcing
import Foundation
import Transport

extension LedgerService {
    /// Writes the associations whose channel the org holds, a batch at a time, and records each
    /// order the org updated: with `retryFailed`, first one more attempt at each order the
    /// publisher gave up on, then the pending ones.
    ///
    /// An order the org does not take (not there yet, or refused) is tried again after
    /// `publish.retry-delay`, doubled with each failure; after `publish.max-attempts` the pass records
    /// `OrderPublishFailed` and leaves it alone. The counts and times live beside the lease
    /// (``EventStore/saveAttempts(_:for:)``), not in the log.
    func publishOrders(
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
    /// Pipelined: while a page's orders are sent to the org, the next pages are read and sent too
    /// (up to ``publishCallsInFlight`` pages' calls in flight, each page of other orders), and the
    /// batches before are recorded.
    /// Records run one after another, each once the one before it committed, and each takes every
    /// batch decided since the one before it started (``DecidedBatches``): a slow commit makes the
    /// next one larger instead of holding the next call to the org. Pages hold other orders, so
    /// nothing one batch records or sends changes what the next decides; answers are taken and
    /// outcomes merged in page order, so a pass that succeeds reports what it would one batch at a
    /// time.
    ///
    /// A pass that fails (the org, a record), or is cancelled, cancels the read and the calls in
    /// flight and waits for them and for the records in flight before it ends; a record whose
    /// predecessor failed does not start, and a cancelled pass starts none. Batches sent to the org
    /// but not recorded are sent again by the next pass (updates by id, so the org ends the same),
    /// which counts their attempts from the last ones recorded.
    @discardableResult
    private func publishIndex(
        _ index: String, retrying: Bool, _ batches: inout OrderBatches, _ context: CommandContext,
        _ outcome: inout PublishOutcome, _ keepLease: () async throws -> Void
    ) async throws -> Set<String> {
        var seen: Set<String> = []
        // The pages sent (or with nothing to send), in page order, and the batches being recorded.
        var sending: [PageInFlight] = []
        let decided = DecidedBatches()
        var recording: [Task<[BatchRecord], any Error>] = []
        var reading: Task<PublishPage, any Error>? = Task { try await self.publishPage(index, after: nil) }
        // Waits for the oldest record, and adds what each of its batches did to the outcome.
        func mergeOldestRecord() async throws {
            for batch in try await recording.removeFirst().value { Self.merge(batch, into: &outcome, &batches) }
        }
        // Takes the oldest page's answer and hands its batch to the records: to the one waiting to
        // start, or to a new one after the last.
        func settleOldest() async throws {
            let page = sending.removeFirst()
            var batch = page.batch
            var records: [CommandRunner.Known<Order>] = []
            if let call = page.call {
                let answers = try await Self.value(of: call)
                try Task.checkCancellation()  // a pass stopped with answers in hand records none of them
                records = Self.decide(page.updates, answers, page.summaries, retrying: retrying, batches, into: &batch)
            }
            if decided.add(DecidedBatch(records: records, batch: batch)) {
                let previous = recording.last
                recording.append(
                    Task {
                        _ = try await previous?.value
                        return try await self.record(decided.takeAll(), context)
                    })
            }
            while decided.count > Self.publishBatchesWaiting, !recording.isEmpty { try await mergeOldestRecord() }
        }
        do {
            while let current = reading {
                try Task.checkCancellation()
                let page = try await Self.value(of: current)
                reading = page.next.map { after in Task { try await self.publishPage(index, after: after) } }
                var inFlight = PageInFlight(summaries: page.summaries)
                for (order, summary) in page.orders {
                    guard let channel = summary.channelId,
                        retrying ? summary.publicationFailed : summary.awaitsPublication
                    else { continue }
                    seen.insert(order)
                    let attemptsBefore = retrying ? summary.publicationFailure?.attempts ?? 0 : nil
                    switch batches.plan(order, channel: channel, retrying: attemptsBefore) {
                    case .write(let pending): inFlight.updates.append(pending)
                    case .wait(let deferred): inFlight.batch.deferred.append(deferred)
                    }
                }
                if !inFlight.updates.isEmpty {
                    try await keepLease()
                    let (salesforce, org, fields) = (batches.salesforce, batches.org, batches.fields)
                    let updates = inFlight.updates.map(\.update)
                    inFlight.call = Task { try await salesforce.setOrdersChannel(updates, fields: fields, in: org) }
                }
                sending.append(inFlight)
                while sending.count >= Self.publishCallsInFlight { try await settleOldest() }
            }
            while !sending.isEmpty { try await settleOldest() }
            while !recording.isEmpty { try await mergeOldestRecord() }
        } catch {
            reading?.cancel()
            for page in sending { page.call?.cancel() }
            _ = try? await reading?.value
            for page in sending { _ = try? await page.call?.value }
            for batch in recording { _ = try? await batch.value }
            throw error
        }
        return seen
    }

    /// A task's value, the task cancelled when the caller is: a stopped pass (`serve` stopping)
    /// does not wait out the read or the call it was waiting for.
    private static func value<Value: Sendable>(of task: Task<Value, any Error>) async throws -> Value {
        try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    /// How many pages' calls to the org a pass keeps in flight.
    static let publishCallsInFlight = 3
    /// How many decided batches may wait for a record before the send stage waits for one.
    static let publishBatchesWaiting = 8

    /// A page planned: the orders it sends and the call sending them (none when it sends none),
    /// what it deferred, and the summaries its records are decided on.
    private struct PageInFlight {
        var summaries: [String: OrderSummary]
        var updates: [OrderBatches.Pending] = []
        var batch = BatchRecord()
        var call: Task<[OrderChannelResult], any Error>?
    }

    /// A page of an index: its orders and their summaries, in index order, and where the next
    /// page starts (nil after the last).
    struct PublishPage: Sendable {
        /// The orders, each with its summary, in index order.
        var orders: [(order: String, summary: OrderSummary)]
        /// The same summaries by order id.
        var summaries: [String: OrderSummary]
        /// The last claim's value, when the page was full.
        var next: String?
    }

    /// Up to 25 orders of `index` after `after`, their summaries read in one read.
    private func publishPage(_ index: String, after: String?) async throws -> PublishPage {
        let claims = try await reader.claims(index, prefix: "", after: after, limit: Self.publishBatchSize)
        let summaries = try await orderSummaries(claims.map(\.owner))
        return PublishPage(
            orders: claims.compactMap { claim in summaries[claim.owner].map { (claim.owner, $0) } },
            summaries: summaries, next: claims.count == Self.publishBatchSize ? claims.last?.value : nil)
    }

    /// What one batch leads to, merged into the pass's outcome in page order.
    struct BatchRecord: Sendable {
        /// Orders left for later: waiting (planned) first, then those the org did not take.
        var deferred: [PublishOutcome.Deferred] = []
        /// Orders given up on.
        var failed: [PublishOutcome.Deferred] = []
        /// Attempts to keep beside the lease.
        var saved: [WorkAttempt] = []
        /// Orders whose kept attempts end (published, or given up on).
        var cleared: [String] = []
        /// How many `OrderPublished` the append recorded.
        var published = 0
        /// How many `OrderPublishFailed` the append recorded.
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

    /// Records batches: their events in one append (one commit for all their orders, decided on
    /// the summaries read for them; an order that moved since makes each decide again on fresh
    /// state), then the attempts kept and forgotten. Returns each batch with what it recorded.
    private func record(_ decided: [DecidedBatch], _ context: CommandContext) async throws -> [BatchRecord] {
        let records = decided.flatMap(\.records)
        let recorded = try await runner.runAll(
            Order.self, known: records, codec: OrderEvent.codec, context: context, payload: { $0.payload })
        var batches = decided.map(\.batch)
        var changes = recorded[...]
        for (index, item) in decided.enumerated() {
            let mine = changes.prefix(item.records.count)
            changes = changes.dropFirst(item.records.count)
            for (record, changed) in zip(item.records, mine) where changed {
                if case .recordPublication = record.command {
                    batches[index].published += 1
                } else {
                    batches[index].failuresRecorded += 1
                }
            }
        }
        try await store.saveAttempts(batches.flatMap(\.saved), for: Self.publisherLease)
        try await store.clearAttempts(batches.flatMap(\.cleared), for: Self.publisherLease)
        return batches
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
}
