import ChannelDomain
import EventSourcing
import EventStoreSQLite
import Foundation

/// What `status` reports.
public struct StoreStatus: Sendable {
    public var location: String
    public var storeID: UUID?
    public var initializedAt: Timestamp?
    public var schemaVersion: Int?
    /// Where the master key comes from, when it could be loaded.
    public var keySource: String?
    /// Why the master key cannot be used (missing, malformed, not this store's), if so.
    public var keyProblem: String?
    public var head: LogHead
    public var channels: Int
}

extension LedgerService {
    /// Events oldest first; with a channel, that channel's stream whatever its name was.
    public func history(channel nameOrID: String? = nil, filter: HistoryFilter = HistoryFilter()) async throws
        -> [RecordedEvent]
    {
        if let nameOrID {
            let summary = try await channel(nameOrID)
            guard let id = summary.state.id else { throw LedgerError.channelNotFound(nameOrID) }
            return try await store.read(stream: Streams.channel(id)).filter(filter.matches)
        }
        if let name = filter.stream,
            name.contains(":") || name == Streams.ledger.rawValue
                || name == Streams.connectedApp.rawValue
        {
            return try await store.read(stream: try StreamName(name)).filter(filter.matches)
        }
        var events: [RecordedEvent] = []
        for try await event in store.events(after: 0, batchSize: 2_000) where filter.matches(event) {
            events.append(event)
        }
        return events
    }

    /// Recomputes every hash; returns the verified head or throws naming the first bad position.
    ///
    /// The head is read first and the walk stops there, so writers appending meanwhile never
    /// look like a broken chain.
    public func verify() async throws -> LogHead {
        let head = try await store.head()
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
        let schema = try await (store as? SQLiteEventStore)?.schemaVersion()
        return StoreStatus(
            location: location, storeID: ledger?.state.storeId, initializedAt: ledger?.initializedAt,
            schemaVersion: schema, keySource: keySource, keyProblem: keyProblem, head: try await store.head(),
            channels: try await store.documents(ReadModels.channel).count)
    }
}
