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
    /// Version 5 of what the projection writes: version 2 records the catalog version each
    /// active mapping was activated under; version 3 keeps the connected app in force apart from
    /// the pending registration; version 4 keeps the sealed secret in force of the connected app and
    /// of each channel, which later calls unseal where they leave for their service; version 5
    /// writes its documents in the compact format (``ReadModelCodecs``) instead of JSON.
    public let version = 5
    /// Channel summaries, the connected app and the installation facts.
    public var models: [String] { [ReadModels.channel, ReadModels.connectedApp, ReadModels.ledger] }
    /// Decoded summaries by their bytes, shared by every batch this projection folds.
    let memo = SummaryMemo<ChannelSummary>()

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
        try apply([event], to: models)
    }

    /// Folds a batch: each summary is read once, folded through every event of the batch in order
    /// and written once; claims move event by event, in log order. An event of a type this
    /// version does not know, in a stream this projection folds, is an error: skipping it would
    /// build a wrong summary.
    public func apply(_ events: [RecordedEvent], to models: any ReadModelWriter) throws {
        var batch = SummaryBatch(models: models, memo: memo)
        for event in events {
            switch event.stream.category {
            case Streams.channelCategory: try applyChannel(event, &batch)
            case "connected-app":
                let change = try ConnectedAppEvent.codec.decode(event, using: batch.decoder)
                let current = try batch.connectedApp()
                let before = current?.state ?? ConnectedApp.initialState
                let after = ConnectedApp.evolve(before, change)
                // Only an authorization of the pending registration puts one in force, and sets the time.
                let authorizedAt =
                    if case .authorized = change, before.pending != nil { event.recordedAt } else {
                        current?.authorizedAt
                    }
                batch.connectedAppSummary = ConnectedAppSummary(
                    state: after, authorizedAt: authorizedAt, updatedAt: event.recordedAt)
            case "ledger":
                let change = try LedgerEvent.codec.decode(event, using: batch.decoder)
                let current = try batch.ledger()
                batch.ledgerSummary = LedgerSummary(
                    state: Ledger.evolve(current?.state ?? Ledger.initialState, change),
                    initializedAt: current?.initializedAt ?? event.recordedAt)
            default:
                continue
            }
        }
        try batch.flush()
    }

    private func applyChannel(_ event: RecordedEvent, _ batch: inout SummaryBatch) throws {
        guard let key = event.stream.id.map(String.init) else { return }
        let change = try ChannelEvent.codec.decode(event, using: batch.decoder)
        let current = try batch.channel(key)
        let before = current?.state ?? Channel.initialState
        let after = Channel.evolve(before, change)
        var publishedAt = current?.publishedAt
        if case .salesChannelPublished = change { publishedAt = event.recordedAt }
        batch.channels[key] = ChannelSummary(
            state: after, version: event.version, createdAt: current?.createdAt ?? event.recordedAt,
            updatedAt: event.recordedAt, publishedAt: publishedAt)

        let models = batch.models
        // Name keys are NFC-normalized: only compute them when the name itself changed.
        if !before.exists || before.name != after.name {
            let oldName = before.exists ? ChannelName.key(before.name) : nil
            let newName = ChannelName.key(after.name)
            if oldName != newName {
                if let oldName { try models.release(ReadModels.channelNameClaim, value: oldName, owner: key) }
                try models.claim(ReadModels.channelNameClaim, value: newName, owner: key)
            }
        }
        guard
            before.credentials != after.credentials || before.pending != after.pending
                || before.archived != after.archived
        else { return }
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

/// The summaries a batch touches, decoded once and written once at the end.
private struct SummaryBatch {
    let models: any ReadModelWriter
    let memo: SummaryMemo<ChannelSummary>
    /// The decoder of events' payloads (JSON).
    let decoder = EventCodecs.decoder()
    /// The decoder of the summaries (read-model documents).
    let documents = ReadModelCodecs.decoder()
    var channels: [String: ChannelSummary] = [:]
    var connectedAppSummary: ConnectedAppSummary?
    var ledgerSummary: LedgerSummary?

    init(models: any ReadModelWriter, memo: SummaryMemo<ChannelSummary>) {
        self.models = models
        self.memo = memo
    }

    mutating func channel(_ key: String) throws -> ChannelSummary? {
        if let summary = channels[key] { return summary }
        guard let data = try models.document(ReadModels.channel, key: key) else { return nil }
        if let summary = memo.value(key, for: data) { return summary }
        let summary = try documents.decode(ChannelSummary.self, from: data)
        memo.remember(key, data, summary)
        return summary
    }

    func connectedApp() throws -> ConnectedAppSummary? {
        try connectedAppSummary
            ?? models.decoded(ConnectedAppSummary.self, ReadModels.connectedApp, ReadModels.singletonKey)
    }

    func ledger() throws -> LedgerSummary? {
        try ledgerSummary ?? models.decoded(LedgerSummary.self, ReadModels.ledger, ReadModels.singletonKey)
    }

    /// Writes every summary the batch changed, channels in key order.
    func flush() throws {
        let encoder = ReadModelCodecs.encoder()
        for (key, summary) in channels.sorted(by: { $0.key < $1.key }) {
            let data = try encoder.encode(summary)
            try models.setDocument(ReadModels.channel, key: key, to: data)
            memo.remember(key, data, summary)
        }
        if let connectedAppSummary {
            try models.store(connectedAppSummary, ReadModels.connectedApp, ReadModels.singletonKey)
        }
        if let ledgerSummary { try models.store(ledgerSummary, ReadModels.ledger, ReadModels.singletonKey) }
    }
}

extension ReadModelWriter {
    func decoded<T: Decodable>(_ type: T.Type, _ model: String, _ key: String) throws -> T? {
        guard let data = try document(model, key: key) else { return nil }
        return try ReadModelCodecs.decoder().decode(T.self, from: data)
    }

    func store<T: Encodable>(_ value: T, _ model: String, _ key: String) throws {
        try setDocument(model, key: key, to: try ReadModelCodecs.encoder().encode(value))
    }
}
