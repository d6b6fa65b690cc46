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

    /// Hands each matching event to `body`, oldest first, reading the log in batches so memory
    /// stays bounded however long it is.
    public func history(
        channel nameOrID: String? = nil, filter: HistoryFilter = HistoryFilter(),
        _ body: (RecordedEvent) throws -> Void
    ) async throws {
        if let nameOrID {
            let summary = try await channel(nameOrID)
            guard let id = summary.state.id else { throw LedgerError.channelNotFound(nameOrID) }
            try await store.read(stream: Streams.channel(id)).filter(filter.matches).forEach(body)
            return
        }
        if let name = filter.stream, let stream = try? StreamName(name),
            stream.id != nil || Streams.singletons.contains(stream)
        {
            try await store.read(stream: stream).filter(filter.matches).forEach(body)
            return
        }
        for try await event in store.events(after: 0, batchSize: 2_000) where filter.matches(event) {
            try body(event)
        }
    }

    /// Hands every matching event to `body`, oldest first, then each new one as it is committed,
    /// until the task is cancelled (Ctrl-C ends the process).
    ///
    /// New events are found by polling the log after the last position seen, which works on
    /// every store; on PostgreSQL, `PostgresEventStore.subscribe(after:)` (LISTEN/NOTIFY) serves
    /// long-running subscribers such as the publisher.
    public func follow(
        channel nameOrID: String? = nil, filter: HistoryFilter = HistoryFilter(),
        pollInterval: Duration = .milliseconds(200), _ body: (RecordedEvent) throws -> Void
    ) async throws {
        var filter = filter
        if let nameOrID {
            let summary = try await channel(nameOrID)
            guard let id = summary.state.id else { throw LedgerError.channelNotFound(nameOrID) }
            filter.stream = Streams.channel(id).rawValue
        }
        var last: Int64 = 0
        while !Task.isCancelled {
            let batch = try await store.readAll(after: last, limit: 1_000)
            for event in batch where filter.matches(event) { try body(event) }
            last = batch.last?.position ?? last
            if batch.count < 1_000 { try await Task.sleep(for: pollInterval) }
        }
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
        var verifier = HashChain.Verifier()
        for try await event in store.events(after: 0, batchSize: 5_000) {
            guard event.position <= head.position else { break }
            try verifier.check(event)
        }
        guard verifier.head == head else {
            throw LedgerError.chainBroken(
                HashChain.ChainBreak(position: verifier.head.position + 1, reason: .endsBefore(head: head.position)))
        }
        return head
    }

    /// Store, key source, schema version, head.
    public func status() async throws -> StoreStatus {
        let ledger = try await ledger()
        var keySource: String?
        var keyProblem: String?
        do {
            keySource = try await vault().masterKey.source.description
        } catch {
            keyProblem = classify(error).1
        }
        let schema = try await store.schemaVersion()
        return StoreStatus(
            location: location, storeID: ledger?.state.storeId, initializedAt: ledger?.initializedAt,
            schemaVersion: schema, keySource: keySource, keyProblem: keyProblem, head: try await store.head(),
            channels: try await store.documents(ReadModels.channel).count)
    }
}
