import ChannelDomain
import EventSourcing
import Foundation

extension LedgerService {
    /// Upgrades a single-account ledger (format 0) to format 1, appending only: `LedgerUpgraded`
    /// with the `Default` channel (the old account's credentials authorized as they were, every
    /// mapping active, launched) in one atomic append, then every order recorded before it
    /// associated with `Default` (reason `upgrade`) in batches. Every event is caused by
    /// `LedgerUpgraded`. Run again after an interruption it finishes the orders; on a ledger with
    /// nothing left to do it records nothing.
    ///
    /// - Parameter context: the command's context; its events are recorded with source `upgrade`.
    public func upgrade(context: CommandContext) async throws -> UpgradeOutcome {
        var context = context
        context.source = "upgrade"
        let (ledger, upgradedNow) = try await recordUpgrade(context)
        guard let channelId = ledger.state.defaultChannelId, let upgraded = ledger.upgradedEvent else {
            return UpgradeOutcome(
                from: ledger.state.format, to: ledger.state.format, upgradedNow: false, defaultChannel: nil,
                ordersAssociated: 0, ordersLeft: 0)
        }
        context.causationID = upgraded.id
        let (associated, left) = try await associateOrders(before: upgraded.position, with: channelId, context)
        return UpgradeOutcome(
            from: ledger.state.upgradedFrom ?? ledger.state.format, to: ledger.state.format,
            upgradedNow: upgradedNow, defaultChannel: try await channel(id: channelId), ordersAssociated: associated,
            ordersLeft: left)
    }

    /// The `ledger` stream folded, with its `LedgerUpgraded` event when it has one.
    private struct LedgerStream {
        var state: LedgerState
        var version: Int64
        var upgradedEvent: RecordedEvent?

        init(_ history: [RecordedEvent]) throws {
            state = try Ledger.fold(history, codec: LedgerEvent.codec)
            version = Int64(history.count)
            upgradedEvent = history.first { $0.type == LedgerUpgraded.wireName }
        }
    }

    /// Records `LedgerUpgraded` and the `Default` channel in one append unless the ledger is
    /// already format 1; on another writer's conflict, reads and decides again.
    private func recordUpgrade(_ context: CommandContext) async throws -> (LedgerStream, recorded: Bool) {
        for attempt in 1...runner.maxAttempts {
            let ledger = try LedgerStream(try await store.read(stream: Streams.ledger))
            guard ledger.state.isInitialized else { throw LedgerError.storeNotInitialized(path: location) }
            let channelId = UUIDv7.make(at: context.now)
            let app = try await connectedApp()?.state
            let upgrading = try Ledger.decide(
                .upgrade(defaultChannel: channelId, connectedAppAuthorized: app?.isAuthorized ?? false), ledger.state)
            guard let upgradedPayload = upgrading.first?.payload, let app = app?.inForce else {
                return (ledger, false)
            }
            let channelEvents: [ChannelEvent]
            do {
                channelEvents = try Channel.decide(
                    .createDefault(try await defaultChannel(channelId, account: ledger.state.account, app: app)),
                    Channel.initialState)
            } catch DomainError.nameTaken {
                // Only an upgrade's Default holds the name: another upgrade won since the read above.
                logger.info("upgrade met another upgrade's Default (attempt \(attempt) of \(runner.maxAttempts))")
                continue
            }
            let upgradedEvent = try context.newEvents([upgradedPayload])
            var caused = context
            caused.causationID = upgradedEvent[0].id
            do {
                try await store.append(batches: [
                    StreamBatch(upgradedEvent, to: Streams.ledger, expected: .at(ledger.version)),
                    StreamBatch(
                        try caused.newEvents(channelEvents.map(\.payload)), to: Streams.channel(channelId),
                        expected: .noStream),
                ])
                return (try LedgerStream(try await store.read(stream: Streams.ledger)), true)
            } catch let error as EventStoreError {
                switch error {
                case .wrongExpectedVersion, .claimConflict:
                    logger.info("upgrade met another writer (attempt \(attempt) of \(runner.maxAttempts)): \(error)")
                    try await CommandRunner.backOff(after: attempt, of: runner.maxAttempts)
                default:
                    throw error
                }
            }
        }
        throw LedgerError.conflictAfterRetries(stream: Streams.ledger.rawValue, attempts: runner.maxAttempts)
    }

    /// The facts of the `Default` channel: the old account's credentials, transport and endpoint as
    /// they were recorded (a transport this build may not know is kept); without an account, the
    /// connected app's transport and its default endpoint, as `channels create` takes them.
    private func defaultChannel(
        _ id: UUID, account: AccountCredentialsAuthorized?, app: ConnectedAppRegistration
    ) async throws -> DefaultChannel {
        let descriptor = account == nil ? try await transports.resolve(app.transport) : nil
        return DefaultChannel(
            id: id, transport: account?.transport ?? app.transport,
            endpoint: account.map(\.endpoint) ?? descriptor?.defaultBuyWithPrimeEndpoint,
            catalogVersion: MappingCatalog.current.version, connectedAppAuthorized: true, account: account,
            nameTakenBy: try await claimHolder(ReadModels.channelNameClaim, ChannelName.reservedKey, except: id))
    }

    /// Associates with `Default` every unassociated order whose stream began before `position`,
    /// a page of order streams per append; orders after the upgrade are the flow's.
    /// - Returns: how many it associated, and how many old orders it left because `Default` was not live.
    private func associateOrders(before position: Int64, with channelId: UUID, _ context: CommandContext)
        async throws -> (associated: Int, left: Int)
    {
        var associated = 0
        var left = 0
        var after: String?
        repeat {
            let page = try await orders(OrderQuery(unassociatedOnly: true, limit: 200, after: after))
            after = page.next
            let live = try await channel(id: channelId)?.state.isLive ?? false
            var batches: [StreamBatch] = []
            for order in page.orders {
                let stream = Streams.order(order.orderId)
                let history = try await store.read(stream: stream)
                guard let first = history.first, first.position < position else { continue }
                let state = try Order.fold(history, codec: OrderEvent.codec)
                guard state.channelId == nil else { continue }
                guard live else {
                    left += 1
                    continue
                }
                let events = try Order.decide(
                    .associate(channel: channelId, channelLive: true, reason: .upgrade), state)
                batches.append(
                    StreamBatch(
                        try context.newEvents(events.map(\.payload)), to: stream, expected: .at(Int64(history.count))))
            }
            let (done, notLive) = try await appendAssociations(batches, channelId, context)
            associated += done
            left += notLive
        } while after != nil
        return (associated, left)
    }

    /// Appends a page's associations at once. When another writer touched one of those orders or
    /// Default meanwhile, decides each again on its own: an order placed elsewhere meanwhile keeps
    /// its channel, one left while Default stopped being live is counted as left.
    private func appendAssociations(_ batches: [StreamBatch], _ channelId: UUID, _ context: CommandContext)
        async throws -> (associated: Int, left: Int)
    {
        guard !batches.isEmpty else { return (0, 0) }
        do {
            try await store.append(batches: batches)
            return (batches.count, 0)
        } catch let error as EventStoreError {
            guard case .wrongExpectedVersion = error else { throw error }
        }
        var associated = 0
        var left = 0
        for batch in batches {
            do {
                let changed = try await runner.run(
                    Order.self, stream: batch.stream, codec: OrderEvent.codec, context: context,
                    payload: { $0.payload }
                ) { _ in
                    .associate(
                        channel: channelId, channelLive: try await self.channel(id: channelId)?.state.isLive ?? false,
                        reason: .upgrade)
                }
                if changed { associated += 1 }
            } catch DomainError.orderAlreadyAssociated {
                continue
            } catch DomainError.orderChannelNotLive {
                left += 1
            }
        }
        return (associated, left)
    }
}
