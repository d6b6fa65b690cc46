import ChannelDomain
import EventSourcing
import Foundation

extension LedgerService {
    /// Events oldest first; with a channel, that channel's stream whatever its name was.
    public func history(channel nameOrID: String? = nil, filter: HistoryFilter = HistoryFilter()) async throws
        -> [RecordedEvent]
    {
        var events: [RecordedEvent] = []
        try await history(channel: nameOrID, filter: filter) { events.append($0) }
        return events
    }

    /// Hands each matching event after position `after` to `body`, oldest first, at most `limit`
    /// of them, reading the log in batches so memory stays bounded however long it is.
    /// - Returns: the position of the last event handed over when `limit` cut the page short
    ///   (the `--after` of the next page), else nil.
    @discardableResult
    public func history(
        channel nameOrID: String? = nil, filter: HistoryFilter = HistoryFilter(), after: Int64 = 0,
        limit: Int? = nil, _ body: (RecordedEvent) throws -> Void
    ) async throws -> Int64? {
        var page = HistoryPage(after: after, limit: limit)
        if let stream = try await singleStream(channel: nameOrID, filter: filter) {
            // A page of the stream at a time: memory stays bounded however long the stream is.
            var cursor = after
            pages: while true {
                let batch = try await store.read(stream: stream, after: cursor, limit: 1_000)
                for event in batch where filter.matches(event) {
                    guard try page.show(event, body) else { break pages }
                }
                guard batch.count == 1_000, let last = batch.last?.position else { break }
                cursor = last
            }
        } else {
            for try await event in store.events(after: after, batchSize: 2_000) where filter.matches(event) {
                guard try page.show(event, body) else { break }
            }
        }
        return page.cutAt
    }

    /// The one stream a history query reads, when it names one (a channel, or a stream filter).
    private func singleStream(channel nameOrID: String?, filter: HistoryFilter) async throws -> StreamName? {
        if let nameOrID {
            let summary = try await channel(nameOrID)
            guard let id = summary.state.id else { throw LedgerError.channelNotFound(nameOrID) }
            return Streams.channel(id)
        }
        if let name = filter.stream, let stream = try? StreamName(name),
            stream.id != nil || Streams.singletons.contains(stream)
        {
            return stream
        }
        return nil
    }

    /// One event whole, with the hash of the event before it and whether its own hash checks out.
    public func event(at position: Int64) async throws -> EventDetail {
        let head = try await store.head().position
        guard position >= 1, let event = try await store.readAll(after: position - 1, limit: 1).first else {
            throw LedgerError.eventNotFound(position: position, head: head)
        }
        let previous =
            position == 1 ? HashChain.genesis : try await store.readAll(after: position - 2, limit: 1).first?.hash
        let known =
            LedgerProjection().handles(event.type) || SettingsEvent.codec.knows(event.type)
            || AssociationFlowEvent.codec.knows(event.type) || OrderEvent.codec.knows(event.type)
            || WebhookSubscriptionEvent.codec.knows(event.type) || CustomerEvent.codec.knows(event.type)
        return EventDetail(
            event: event, previousHash: previous ?? Data(),
            hashChecks: previous.map { HashChain.holds(for: event, previous: $0) } ?? false,
            typeIsKnown: known)
    }

    /// Counts of events by type, stream category, actor and day (UTC), of those the filter passes.
    ///
    /// A filter of a stream and a time range only (what `stats` takes) is counted by the store in
    /// one aggregate query where it has one; otherwise the log is read in batches and counted.
    public func stats(filter: HistoryFilter = HistoryFilter()) async throws -> LogStats {
        var stats = LogStats()
        if filter.types.isEmpty, filter.actor == nil, filter.correlation == nil,
            let counts = try await store.eventCounts(
                EventCountFilter(stream: filter.stream, since: filter.since, until: filter.until))
        {
            for counted in counts { stats.add(counted) }
            return stats
        }
        for try await event in store.events(after: 0, batchSize: 5_000) where filter.matches(event) {
            stats.count(event)
        }
        return stats
    }

    /// Hands every matching event to `body`, oldest first, then each new one as it is committed,
    /// until the task is cancelled (Ctrl-C ends the process). It reads the store's subscription:
    /// LISTEN/NOTIFY on PostgreSQL, a poll every 200 ms on the others.
    public func follow(
        channel nameOrID: String? = nil, filter: HistoryFilter = HistoryFilter(), after: Int64 = 0,
        _ body: (RecordedEvent) throws -> Void
    ) async throws {
        var filter = filter
        if let nameOrID {
            let summary = try await channel(nameOrID)
            guard let id = summary.state.id else { throw LedgerError.channelNotFound(nameOrID) }
            filter.stream = Streams.channel(id).rawValue
        }
        for try await event in store.subscribe(after: after) where filter.matches(event) { try body(event) }
    }

    /// Recomputes every hash; returns the verified head or throws naming the first bad position.
    ///
    /// The head is read first and the walk stops there, so writers appending meanwhile never
    /// look like a broken chain. The inline projection's checkpoint, written in the same
    /// transaction as every append, is read before the head: a checkpoint past the head means
    /// events were deleted from the end of the log, which hashes alone cannot show.
    public func verify() async throws -> LogHead {
        let checkpoint = try await store.checkpoint(LedgerProjection().name)
        let head = try await store.head()
        guard checkpoint <= head.position else {
            throw LedgerError.chainBroken(
                HashChain.ChainBreak(position: head.position + 1, reason: .endsBefore(head: checkpoint)))
        }
        let verified: LogHead
        do {
            verified = try await HashChain.verifyLog(store, upTo: head.position)
        } catch let error as HashChain.ChainBreak {
            throw LedgerError.chainBroken(error)
        }
        guard verified == head else {
            throw LedgerError.chainBroken(
                HashChain.ChainBreak(position: verified.position + 1, reason: .endsBefore(head: head.position)))
        }
        return head
    }

    /// Store, key source, schema version, head.
    public func status() async throws -> StoreStatus {
        let ledger = readModelRefusal == nil ? try await ledger() : nil
        let custody = await keyCustody()
        let keySource = try? custody.get()
        let keyProblem: (any Error)? = if case .failure(let error) = custody { error } else { nil }
        let schema = try await store.schemaVersion()
        return StoreStatus(
            location: location, storeID: ledger?.state.storeId, initializedAt: ledger?.initializedAt,
            schemaVersion: schema, ledgerFormat: ledger?.state.format, upgradedFrom: ledger?.state.upgradedFrom,
            keySource: keySource, keyProblem: keyProblem, head: try await store.head(),
            channels: try await store.documents(ReadModels.channel).count)
    }
}
