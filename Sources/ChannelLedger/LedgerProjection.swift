import ChannelDomain
import EventSourcing
import Foundation

/// The inline projection behind `channels list/show`, `connected-app show` and `status`,
/// and the unique claims that back the cross-stream rules (names, target IDs).
///
/// It folds each channel's events with the domain's own `evolve`, so the read model can
/// never disagree with what the deciders see.
public struct LedgerProjection: Projection {
    /// The read model's stable name, under which its checkpoint is kept.
    public let name = "ledger-summary"
    /// Version 1 of what the projection writes.
    public let version = 1
    /// Channel summaries, the connected app and the installation facts.
    public var models: [String] { [ReadModels.channel, ReadModels.connectedApp, ReadModels.ledger] }
    /// Channel names and Buy with Prime target IDs.
    public var claimKinds: [String] { [ReadModels.channelNameClaim, ReadModels.targetIDClaim] }

    /// The projection; it needs no configuration.
    public init() {}

    /// Whether the wire name is a channel, connected app or ledger event.
    public func handles(_ type: String) -> Bool {
        ChannelEvent.codec.knows(type) || ConnectedAppEvent.codec.knows(type) || LedgerEvent.codec.knows(type)
    }

    /// Folds the event into its stream's summary and moves the name and target ID claims it affects.
    public func apply(_ event: RecordedEvent, to models: any ReadModelWriter) throws {
        let decoder = EventCodecs.decoder()
        switch event.stream.category {
        case "channel":
            try applyChannel(event, models, decoder)
        case "connected-app":
            let change = try ConnectedAppEvent.codec.decode(event, using: decoder)
            let current = try models.decoded(ConnectedAppSummary.self, ReadModels.connectedApp, ReadModels.singletonKey)
            let next = ConnectedAppSummary(
                state: ConnectedApp.evolve(current?.state ?? ConnectedApp.initialState, change),
                updatedAt: event.recordedAt)
            try models.store(next, ReadModels.connectedApp, ReadModels.singletonKey)
        case "ledger":
            let change = try LedgerEvent.codec.decode(event, using: decoder)
            let current = try models.decoded(LedgerSummary.self, ReadModels.ledger, ReadModels.singletonKey)
            let next = LedgerSummary(
                state: Ledger.evolve(current?.state ?? Ledger.initialState, change),
                initializedAt: current?.initializedAt ?? event.recordedAt)
            try models.store(next, ReadModels.ledger, ReadModels.singletonKey)
        default:
            break
        }
    }

    private func applyChannel(_ event: RecordedEvent, _ models: any ReadModelWriter, _ decoder: JSONDecoder) throws {
        guard let key = event.stream.id.map(String.init) else { return }
        let change = try ChannelEvent.codec.decode(event, using: decoder)
        let current = try models.decoded(ChannelSummary.self, ReadModels.channel, key)
        let before = current?.state ?? Channel.initialState
        let after = Channel.evolve(before, change)
        let summary = ChannelSummary(
            state: after, version: event.version, createdAt: current?.createdAt ?? event.recordedAt,
            updatedAt: event.recordedAt)
        try models.store(summary, ReadModels.channel, key)

        let oldName = before.exists ? ChannelName.key(before.name) : nil
        let newName = ChannelName.key(after.name)
        if oldName != newName {
            if let oldName { try models.release(ReadModels.channelNameClaim, value: oldName, owner: key) }
            try models.claim(ReadModels.channelNameClaim, value: newName, owner: key)
        }
        let oldTargets = before.claimedTargetIDs
        let newTargets = after.claimedTargetIDs
        for target in oldTargets.subtracting(newTargets).sorted() {
            try models.release(ReadModels.targetIDClaim, value: target, owner: key)
        }
        for target in newTargets.subtracting(oldTargets).sorted() {
            try models.claim(ReadModels.targetIDClaim, value: target, owner: key)
        }
    }
}

extension ReadModelWriter {
    func decoded<T: Decodable>(_ type: T.Type, _ model: String, _ key: String) throws -> T? {
        guard let data = try document(model, key: key) else { return nil }
        return try EventCodecs.decoder().decode(T.self, from: data)
    }

    func store<T: Encodable>(_ value: T, _ model: String, _ key: String) throws {
        try setDocument(model, key: key, to: try EventCodecs.encoder().encode(value))
    }
}
