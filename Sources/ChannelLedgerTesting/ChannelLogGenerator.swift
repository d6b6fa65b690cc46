import ChannelDomain
import EventSourcing
import Foundation

/// Writes a large, valid log straight to a store (no deciders), for rebuild and replay tests:
/// channels created, then rounds in which each is renamed, has a mapping activated (and every
/// third round deactivated again), interleaved with events no projection reads.
public struct ChannelLogGenerator: Sendable {
    /// How many channels.
    public var channels: Int
    /// How many rounds of changes each channel gets.
    public var rounds: Int
    /// Prefix of the channel names, so several generations can share a store.
    public var prefix: String

    /// A generator of `channels` channels with `rounds` rounds each.
    public init(channels: Int, rounds: Int, prefix: String = "Channel") {
        self.channels = channels
        self.rounds = rounds
        self.prefix = prefix
    }

    /// Appends the log (one transaction per round) and returns every channel name used, old and new.
    @discardableResult
    public func generate(into store: any EventStore) async throws -> [String] {
        let metadata = EventMetadata(actor: "generator", source: "cli")
        let time = Timestamp(millisecondsSince1970: 1_795_000_000_000)
        func event(_ change: ChannelEvent) throws -> NewEvent {
            NewEvent(
                id: UUIDv7.make(), type: change.wireName, schemaVersion: type(of: change.payload).schemaVersion,
                recordedAt: time, payload: try change.payload.encoded(), metadata: metadata)
        }
        func stream(_ id: UUID) -> StreamName { StreamName(category: "channel", id: id.uuidString.lowercased()) }
        let ids = (0..<channels).map { _ in UUIDv7.make() }
        let mappings = MappingCatalog.v1.names
        var names: [String] = []
        var created: [StreamBatch] = []
        for (index, id) in ids.enumerated() {
            let name = "\(prefix) \(index)"
            names.append(name)
            created.append(
                StreamBatch(
                    [
                        try event(
                            .created(ChannelCreated(channelId: id, name: name, catalogVersion: 1, transport: "sandbox"))
                        )
                    ],
                    to: stream(id), expected: .noStream))
        }
        try await store.append(batches: created)
        for round in 0..<rounds {
            var batches: [StreamBatch] = []
            for (index, id) in ids.enumerated() {
                let previous = round == 0 ? "\(prefix) \(index)" : "\(prefix) \(index) r\(round - 1)"
                let next = "\(prefix) \(index) r\(round)"
                names.append(next)
                let mapping = mappings[(index + round) % mappings.count]
                var changes: [ChannelEvent] = [
                    .renamed(ChannelRenamed(from: previous, to: next)),
                    .mappingActivated(MappingActivated(mapping: mapping, catalogVersion: 1)),
                ]
                if round % 3 == 2 { changes.append(.mappingDeactivated(MappingDeactivated(mapping: mapping))) }
                batches.append(StreamBatch(try changes.map(event), to: stream(id), expected: .any))
                let note = Data(#"{"note":"read by no projection","order":"\#(index)-\#(round)"}"#.utf8)
                batches.append(
                    StreamBatch(
                        [
                            NewEvent(
                                id: UUIDv7.make(), type: "OrderNoted", schemaVersion: 1, recordedAt: time,
                                payload: note,
                                metadata: metadata)
                        ], to: StreamName(category: "note", id: "\(prefix)-\(index)"), expected: .any))
            }
            try await store.append(batches: batches)
        }
        return names
    }
}
