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
    public var keySource: String
    public var keyVerified: Bool
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
    public func verify() async throws -> LogHead {
        var verifier = HashChain.Verifier()
        for try await event in store.events(after: 0, batchSize: 5_000) {
            try verifier.check(event)
        }
        let head = try await store.head()
        guard head == verifier.head else {
            throw LedgerError.chainBroken(
                HashChain.ChainBreak(position: verifier.head.position + 1, reason: .missing(found: head.position)))
        }
        return head
    }

    /// Store, key source, schema version, head.
    public func status() async throws -> StoreStatus {
        let ledger = try await ledger()
        var keySource = "none"
        var verified = false
        do {
            let vault = try await vault()
            keySource = vault.masterKey.source.description
            verified = true
        } catch {
            keySource = classify(error).1
        }
        let schema = try await (store as? SQLiteEventStore)?.schemaVersion()
        return StoreStatus(
            location: location, storeID: ledger?.state.storeId, initializedAt: ledger?.initializedAt,
            schemaVersion: schema, keySource: keySource, keyVerified: verified, head: try await store.head(),
            channels: try await store.documents(ReadModels.channel).count)
    }
}
