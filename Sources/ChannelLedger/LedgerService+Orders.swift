import ChannelDomain
import EventSourcing
import Foundation

extension LedgerService {
    /// An order's summary, nil when the ledger never received it.
    public func orderSummary(_ orderId: String) async throws -> OrderSummary? {
        if let readModelRefusal { throw readModelRefusal }
        guard let data = try await reader.document(ReadModels.order, key: orderId) else { return nil }
        return try ReadModelCodecs.decoder().decode(OrderSummary.self, from: data)
    }

    /// The summaries of several orders, by order id, in one read (an unknown id is left out).
    func orderSummaries(_ orderIds: [String]) async throws -> [String: OrderSummary] {
        if let readModelRefusal { throw readModelRefusal }
        let decoder = ReadModelCodecs.decoder()
        return try await reader.documents(ReadModels.order, keys: orderIds).reduce(into: [:]) { summaries, document in
            summaries[document.key] = try OrderProjection.sharedMemo.decode(document.key, document.value, with: decoder)
        }
    }

    /// An order's summary, or ``LedgerError/orderNotFound(_:)``.
    public func order(_ orderId: String) async throws -> OrderSummary {
        guard let summary = try await orderSummary(orderId.trimmingCharacters(in: .whitespaces)) else {
            throw LedgerError.orderNotFound(orderId)
        }
        return summary
    }

    /// One page of orders matching the query, by order id (`orders list`). With a channel or
    /// `--unassociated`, it pages through the by-channel index; otherwise through the summaries by
    /// key: either way it reads about a page, however many orders there are (`--since` reads on
    /// until the page is full).
    public func orders(_ query: OrderQuery) async throws -> OrderPage {
        if let readModelRefusal { throw readModelRefusal }
        guard query.limit >= 1 else { throw LedgerError.invalidLimit(query.limit) }
        var prefix: String?
        var channelOnly: UUID?
        if let name = query.channel {
            guard let id = try await channel(name).state.id else { throw LedgerError.channelNotFound(name) }
            prefix = OrderProjection.indexPrefix(id)
            channelOnly = id
        } else if query.unassociatedOnly {
            prefix = OrderProjection.indexPrefix(nil)
        }
        let decoder = ReadModelCodecs.decoder()
        let chunk = min(max(query.limit + 1, 64), 1_000)
        var page: [OrderSummary] = []
        var cursor = query.after.map { id in query.unpublishedOnly ? id : prefix.map { $0 + id } ?? id }
        while true {
            var summaries: [OrderSummary] = []
            var last: String?
            if query.unpublishedOnly {
                let (owners, next) = try await unpublishedOrders(after: cursor, limit: chunk)
                last = next
                for owner in owners {
                    guard let data = try await reader.document(ReadModels.order, key: owner) else { continue }
                    summaries.append(try decoder.decode(OrderSummary.self, from: data))
                }
                if let channelOnly { summaries.removeAll { $0.channelId != channelOnly } }
            } else if let prefix {
                let entries = try await reader.claims(
                    ReadModels.orderChannelIndex, prefix: prefix, after: cursor, limit: chunk)
                last = entries.last?.value
                for entry in entries {
                    guard let data = try await reader.document(ReadModels.order, key: entry.owner) else { continue }
                    summaries.append(try decoder.decode(OrderSummary.self, from: data))
                }
                if entries.count < chunk { last = nil }
            } else {
                let documents = try await reader.documents(ReadModels.order, after: cursor, limit: chunk)
                summaries = try documents.map { try decoder.decode(OrderSummary.self, from: $0.data) }
                last = documents.count < chunk ? nil : documents.last?.key
            }
            for summary in summaries {
                if let since = query.since, summary.receivedAt < since { continue }
                if page.count == query.limit { return OrderPage(orders: page, next: page.last?.orderId) }
                page.append(summary)
            }
            guard let last else { return OrderPage(orders: page, next: nil) }
            cursor = last
        }
    }

    /// An order's events, oldest first (`orders show`).
    public func orderHistory(_ orderId: String) async throws -> [RecordedEvent] {
        let summary = try await order(orderId)
        return try await store.read(stream: Streams.order(summary.orderId)).filter { $0.version <= summary.version }
    }

    /// An order's personal fields in clear; nil when it has none, ``PersonalFields/forgotten`` when
    /// its customer's key is gone.
    public func personalFields(of summary: OrderSummary) async throws -> PersonalFields? {
        guard let sealed = summary.received.personal else { return nil }
        let sealer = PersonalDataSealer(vault: try await vault(), store: store)
        return try await sealer.open(sealed).map(PersonalFields.known) ?? .forgotten
    }

    /// Gives an unassociated order its channel by hand (`orders associate`); the channel must be live.
    public func associateOrder(
        _ orderId: String, channel nameOrID: String, reason: String?, context: CommandContext
    ) async throws -> CommandResult<OrderSummary> {
        let summary = try await order(orderId)
        let text = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await runOrder(summary.orderId, context) {
            let target = try await self.channel(nameOrID)
            guard let id = target.state.id else { throw LedgerError.channelNotFound(nameOrID) }
            return .associate(
                channel: id, channelLive: target.state.isLive,
                reason: .manual(
                    text: Self.recordable(text.flatMap { $0.isEmpty ? nil : $0 } ?? "associated by hand", limit: 500)))
        }
    }

    /// Moves an associated order to another live channel, saying why (`orders reassociate`).
    public func reassociateOrder(
        _ orderId: String, channel nameOrID: String, reason: String, context: CommandContext
    ) async throws -> CommandResult<OrderSummary> {
        let summary = try await order(orderId)
        return try await runOrder(summary.orderId, context) {
            let target = try await self.channel(nameOrID)
            guard let id = target.state.id else { throw LedgerError.channelNotFound(nameOrID) }
            return .reassociate(to: id, channelLive: target.state.isLive, reason: Self.recordable(reason, limit: 500))
        }
    }

    /// Refusals of an order command by hand, naming the channel by its name: the decider knows
    /// channels by id only.
    private func namingChannels<T>(_ command: () async throws -> T) async throws -> T {
        do {
            return try await command()
        } catch DomainError.orderChannelNotLive(let orderId, let id) {
            let channel = try await channel(id: id)
            throw LedgerError.orderChannelNotLive(
                orderId: orderId, channel: channel?.state.name ?? id.uuidString.lowercased(),
                status: channel?.state.status ?? .archived)
        } catch DomainError.orderAlreadyAssociated(let orderId, let id) {
            let channel = try await channel(id: id)
            throw LedgerError.orderAlreadyAssociated(
                orderId: orderId, channel: channel?.state.name ?? id.uuidString.lowercased())
        }
    }

    /// Runs the active flow again over every unassociated order (`orders reassess`), e.g. after a
    /// channel went live or a rule was added: each order the flow now places is associated.
    public func reassessOrders(context: CommandContext) async throws -> ReassessSummary {
        var summary = ReassessSummary()
        var after: String?
        repeat {
            let page = try await orders(OrderQuery(unassociatedOnly: true, limit: 500, after: after))
            for order in page.orders {
                summary.examined += 1
                guard let command = try await flowChoice(facts: order.received.facts) else { continue }
                let changed = try await runner.run(
                    Order.self, stream: Streams.order(order.orderId), codec: OrderEvent.codec, context: context,
                    payload: { $0.payload }, command: { _ in command })
                if changed { summary.associated += 1 }
            }
            after = page.next
        } while after != nil
        return summary
    }

    /// Runs an order command by hand (associate, reassociate), its refusals naming the channel.
    private func runOrder(
        _ orderId: String, _ context: CommandContext, command: @escaping () async throws -> OrderCommand
    ) async throws -> CommandResult<OrderSummary> {
        let changed = try await namingChannels {
            try await runner.run(
                Order.self, stream: Streams.order(orderId), codec: OrderEvent.codec, context: context,
                payload: { $0.payload }, command: { _ in try await command() })
        }
        return CommandResult(view: try await order(orderId), changed: changed)
    }

    /// The ids of the orders the org has not been told (the publisher's two indexes merged), after
    /// `cursor`, in order; and where the next chunk starts (nil at the end). Each index is read a
    /// chunk at a time; ids past the end of a full chunk wait for the next call.
    private func unpublishedOrders(after cursor: String?, limit: Int) async throws -> ([String], next: String?) {
        var ids: [String] = []
        var bound: String?
        for index in [ReadModels.orderPublicationIndex, ReadModels.orderPublicationFailedIndex] {
            let entries = try await reader.claims(index, prefix: "", after: cursor, limit: limit)
            ids += entries.map(\.owner)
            if entries.count == limit, let last = entries.last?.value { bound = min(bound ?? last, last) }
        }
        ids.sort()
        if let bound { ids.removeAll { $0 > bound } }
        return (ids, bound)
    }
}
