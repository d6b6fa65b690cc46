import ChannelDomain
import EventSourcing
import Foundation
import Transport

extension LedgerService {
    /// Takes one delivery of a Buy with Prime event (a webhook, or a line of `orders import`),
    /// exactly once: its idempotency key, as a name-based causation id, is claimed in the same
    /// append as the events it causes, and a delivery whose key is claimed is answered from what
    /// was recorded, with nothing fetched or recorded.
    ///
    /// `ORDER_CONFIRMED` records `OrderReceived` (from the envelope's order, else fetched through the
    /// transport of the channel that owns the target ID; with the ids alone when none does) and,
    /// when the flow chooses a live channel, `OrderAssociated`, in one append. Other events are
    /// recorded on a known order's stream (`OrderEventReceived`, once per event id) and
    /// acknowledged either way. A transport that is unavailable, or an order it cannot find yet,
    /// throws and records nothing, so the sender delivers again.
    public func receive(_ event: BuyWithPrimeEvent, context: CommandContext) async throws -> IntakeOutcome {
        var context = context
        let causation = Self.causationID(ofDelivery: event.idempotencyKey)
        context.causationID = causation
        if let outcome = try await receiveFirstDelivery(event, context) { return outcome }
        if let outcome = try await recordedDelivery(causation, event) { return outcome }
        if event.eventType == BuyWithPrimeEvent.orderConfirmed { return try await receiveOrder(event, context) }
        if event.eventType.hasPrefix(BuyWithPrimeEvent.personalDataDeletionPrefix) {
            return try await forgetCustomer(of: event, context)
        }
        return try await recordLaterEvent(event, context)
    }

    /// The causation id of a delivery: the same for every delivery of one idempotency key.
    public static func causationID(ofDelivery idempotencyKey: String) -> UUID {
        UUIDv5.make(name: "buy-with-prime delivery\n" + idempotencyKey)
    }

    /// The outcome of a delivery whose key is claimed already, nil for a new one.
    private func recordedDelivery(_ causation: UUID, _ event: BuyWithPrimeEvent) async throws -> IntakeOutcome? {
        guard
            let owner = try await store.claimOwner(ReadModels.intakeClaim, value: causation.uuidString.lowercased())
        else { return nil }
        var orderId = event.orderId
        if let stream = try? StreamName(owner), stream.category == Streams.orderCategory, let id = stream.id {
            orderId = String(id)
        }
        let summary = try await orderId.asyncMap { try await self.orderSummary($0) } ?? nil
        return IntakeOutcome(
            kind: .duplicate, eventType: event.eventType, orderId: orderId, channelId: summary?.channelId,
            reason: summary?.reason)
    }

    private func receiveOrder(_ event: BuyWithPrimeEvent, _ context: CommandContext) async throws -> IntakeOutcome {
        guard let orderId = event.orderId else { throw IntakeError.noOrder(eventType: event.eventType) }
        let stream = try Self.orderStream(orderId)
        guard let targetId = event.targetId else { throw IntakeError.noTargetID(orderId: orderId) }
        let sealer = PersonalDataSealer(vault: try await vault(), store: store)
        var order = event.order
        var fetched = false
        for attempt in 1...runner.maxAttempts {
            if attempt > 1, let outcome = try await recordedDelivery(context.causationID!, event) { return outcome }
            let history = try await store.read(stream: stream)
            let state = try Order.fold(history, codec: OrderEvent.codec)
            if state.exists {
                // Received through another delivery: the first snapshot and association stand.
                return IntakeOutcome(
                    kind: .duplicate, eventType: event.eventType, orderId: orderId, channelId: state.channelId,
                    reason: state.reason)
            }
            if order == nil, !fetched {
                order = try await fetchOrder(orderId, targetId: targetId)
                fetched = true
            }
            let (batch, after) = try await receipt(
                order, orderId: orderId, targetId: targetId, of: state, to: stream, version: history.count, context,
                sealer)
            do {
                try await store.append(batches: [batch])
                return IntakeOutcome(
                    kind: .recorded, eventType: event.eventType, orderId: orderId, channelId: after.channelId,
                    reason: after.reason)
            } catch let error as EventStoreError where error.isLostRace {
                logger.info("intake conflict on \(stream) (attempt \(attempt)): \(error)")
                try await CommandRunner.backOff(after: attempt, of: runner.maxAttempts)
            }
        }
        throw LedgerError.conflictAfterRetries(stream: stream.rawValue, attempts: runner.maxAttempts)
    }

    /// The first delivery of an order that comes with its snapshot, recorded without reading
    /// first: the append claims the delivery's key and expects the order's stream to be new, so a
    /// redelivery, or an order received through another delivery, fails that append and records
    /// nothing. Nil then (and for any other delivery), for ``receiveOrder(_:_:)`` to answer from
    /// what was recorded; nothing is fetched before it is known that nothing was.
    ///
    /// A redelivery so costs a failed write before its answer; and one the fast path cannot even
    /// prepare (no usable master key, read models refused) is left to the careful path too, which
    /// answers a recorded delivery without them and fails as before otherwise.
    private func receiveFirstDelivery(_ event: BuyWithPrimeEvent, _ context: CommandContext) async throws
        -> IntakeOutcome?
    {
        guard event.eventType == BuyWithPrimeEvent.orderConfirmed, let order = event.order,
            let orderId = event.orderId, let targetId = event.targetId, let stream = try? Self.orderStream(orderId)
        else { return nil }
        let batch: StreamBatch
        let state: OrderState
        do {
            let sealer = PersonalDataSealer(vault: try await vault(), store: store)
            (batch, state) = try await receipt(
                order, orderId: orderId, targetId: targetId, of: Order.initialState, to: stream, version: 0, context,
                sealer)
        } catch {
            return nil
        }
        do {
            try await store.append(batches: [batch])
        } catch let error as EventStoreError where error.isLostRace {
            return nil
        }
        return IntakeOutcome(
            kind: .recorded, eventType: event.eventType, orderId: orderId, channelId: state.channelId,
            reason: state.reason)
    }

    /// The append that receives an order into its stream at `version`: `OrderReceived`, and
    /// `OrderAssociated` when the flow chooses a live channel, with the customer's key when it is
    /// new; and the order's state after them.
    private func receipt(
        _ order: BuyWithPrimeOrder?, orderId: String, targetId: String, of state: OrderState, to stream: StreamName,
        version: Int, _ context: CommandContext, _ sealer: PersonalDataSealer
    ) async throws -> (StreamBatch, OrderState) {
        let (received, key) = try await receivedPayload(order, orderId: orderId, targetId: targetId, sealer)
        var events = try Order.decide(.receive(received), state)
        var state = events.reduce(state, Order.evolve)
        if let associate = try await flowChoice(facts: received.facts) {
            let associated = try Order.decide(associate, state)
            state = associated.reduce(state, Order.evolve)
            events += associated
        }
        let batch = try context.newEvents(events.map(\.payload))
        return (StreamBatch(batch, to: stream, expected: .at(Int64(version)), keys: key.map { [$0] } ?? []), state)
    }

    private func recordLaterEvent(_ event: BuyWithPrimeEvent, _ context: CommandContext) async throws
        -> IntakeOutcome
    {
        guard let orderId = event.orderId else { return IntakeOutcome(kind: .acknowledged, eventType: event.eventType) }
        let stream = try Self.orderStream(orderId)
        let changed: Bool
        do {
            changed = try await runner.run(
                Order.self, stream: stream, codec: OrderEvent.codec, context: context, payload: { $0.payload }
            ) { _ in
                .recordEvent(eventType: event.eventType, eventId: event.eventId ?? event.idempotencyKey)
            }
        } catch DomainError.orderNotFound {
            return IntakeOutcome(kind: .acknowledged, eventType: event.eventType, orderId: orderId)
        }
        let summary = try await orderSummary(orderId)
        return IntakeOutcome(
            kind: changed ? .recorded : .duplicate, eventType: event.eventType, orderId: orderId,
            channelId: summary?.channelId, reason: summary?.reason)
    }

    /// A personal-data deletion task: the customer it names (or the customer of the order it
    /// names) is forgotten; one the ledger cannot tell is acknowledged, nothing recorded.
    private func forgetCustomer(of event: BuyWithPrimeEvent, _ context: CommandContext) async throws
        -> IntakeOutcome
    {
        var customerId = event.customerId
        if customerId == nil, let orderId = event.orderId, let order = try await orderSummary(orderId) {
            // An order that names no customer has its personal fields under its own subject.
            customerId = order.received.customerId ?? SealedPersonalData.customerId(ofOrder: orderId)
        }
        guard let customerId else {
            return IntakeOutcome(kind: .acknowledged, eventType: event.eventType, orderId: event.orderId)
        }
        let outcome = try await forgetCustomer(customerId, trigger: event.eventType, context: context)
        return IntakeOutcome(
            kind: outcome.recorded ? .recorded : .duplicate, eventType: event.eventType, orderId: event.orderId)
    }

    /// The order from the transport of the channel that owns the target ID; nil when no channel
    /// owns it or the owner has no credentials in force to ask with.
    private func fetchOrder(_ orderId: String, targetId: String) async throws -> BuyWithPrimeOrder? {
        guard let owner = try await store.claimOwner(ReadModels.targetIDClaim, value: targetId),
            let id = UUID(uuidString: owner), let summary = try await channel(id: id),
            let credentials = summary.state.credentials, let secret = credentials.secret
        else { return nil }
        let descriptor = try await transports.resolve(summary.state.transport)
        let settings = try await callSettings()
        let account = settings.account(
            clientID: credentials.clientId, secret: try await vault().open(secret), targetID: credentials.targetId,
            endpoint: summary.state.endpoint)
        do {
            return try await descriptor.buyWithPrime.order(id: orderId, as: account)
        } catch TransportError.notFound {
            throw IntakeError.orderNotYetAvailable(orderId: orderId)
        }
    }

    /// `OrderReceived` for an order (or its ids alone), its personal fields sealed under the
    /// customer's key, and that key when it is new.
    private func receivedPayload(
        _ order: BuyWithPrimeOrder?, orderId: String, targetId: String, _ sealer: PersonalDataSealer
    ) async throws -> (OrderReceived, SubjectKey?) {
        guard let order else { return (OrderReceived(orderId: orderId, targetId: targetId), nil) }
        let facts = OrderDocument.facts(of: order, targetId: targetId)
        let personal = PersonalData(name: order.customer?.name, email: order.customer?.email)
        var sealed: SealedPersonalData?
        var key: SubjectKey?
        if !personal.isEmpty {
            let subject =
                SealedPersonalData.subject(
                    customerId: order.customer?.bwpCustomerId ?? SealedPersonalData.customerId(ofOrder: orderId))
            (sealed, key) = try await sealer.seal(personal, subject: subject)
        }
        let received = OrderReceived(
            orderId: orderId, targetId: targetId,
            aliases: order.aliases.map { OrderReceived.Alias(aliasType: $0.aliasType, aliasId: $0.aliasId) },
            currencies: facts.currencies, skus: facts.skus, externalSkus: facts.externalSkus,
            lineCount: order.lineItems.count, totals: Self.totals(of: order), customerId: order.customer?.bwpCustomerId,
            emailDomain: facts.emailDomain, personal: sealed)
        return (received, key)
    }

    /// The order's total per currency: each line's price times its quantity (1 when absent), in
    /// exact decimal with as many fraction digits as the most precise price (`19.90` stays `19.90`).
    static func totals(of order: BuyWithPrimeOrder) -> [String: String] {
        var sums: [String: (units: Decimal, digits: Int)] = [:]
        for line in order.lineItems {
            guard let price = line.price,
                let amount = Decimal(string: price.amount, locale: Locale(identifier: "en_US_POSIX"))
            else { continue }
            let digits = price.amount.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
            let current = sums[price.currencyCode.uppercased(), default: (0, 0)]
            sums[price.currencyCode.uppercased()] = (
                current.units + amount * Decimal(line.quantity ?? 1), max(current.digits, digits)
            )
        }
        return sums.mapValues { sum in
            var value = sum.units
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, sum.digits, .plain)
            let text = "\(rounded)"
            guard sum.digits > 0 else { return text }
            let (whole, fraction) =
                text.contains(".")
                ? (String(text.split(separator: ".")[0]), String(text.split(separator: ".")[1])) : (text, "")
            return whole + "." + fraction.padding(toLength: sum.digits, withPad: "0", startingAt: 0)
        }
    }

    /// The stream of an order id, or ``IntakeError/invalidOrderID(_:)``.
    static func orderStream(_ orderId: String) throws -> StreamName {
        guard let stream = try? StreamName(Streams.order(orderId).rawValue) else {
            throw IntakeError.invalidOrderID(orderId)
        }
        return stream
    }
}
