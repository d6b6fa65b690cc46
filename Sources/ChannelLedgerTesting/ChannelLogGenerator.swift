import ChannelDomain
import EventSourcing
import Foundation

/// Writes a large, valid log straight to a store (no deciders), for rebuild and replay tests:
/// channels created with authorized credentials, then rounds in which each is renamed, has a
/// mapping activated (and every third round deactivated again), every fourth round moves to a
/// new target ID, interleaved with events no projection reads.
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

    /// Every name and target ID a generated log used, old and new: the values whose claims to compare.
    public struct Values: Sendable {
        /// Channel names.
        public var names: [String] = []
        /// Buy with Prime target IDs.
        public var targetIDs: [String] = []
    }

    /// Appends the log (one transaction per round) and returns every name and target ID used.
    @discardableResult
    public func generate(into store: any EventStore) async throws -> Values {
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
        func credentials(_ target: String, _ index: Int) -> [ChannelEvent] {
            let client = "amzn1.application-oa2-client.\(prefix)-\(index)"
            let secret = SealedSecret(ciphertext: "not-a-real-ciphertext", fingerprint: "0000000000000000")
            return [
                .credentialsEntered(CredentialsEntered(clientId: client, targetId: target, secret: secret)),
                .credentialsAuthorized(
                    CredentialsAuthorized(clientId: client, targetId: target, fingerprint: secret.fingerprint)),
            ]
        }
        var values = Values()
        var created: [StreamBatch] = []
        for (index, id) in ids.enumerated() {
            let name = "\(prefix) \(index)"
            let target = "T-\(prefix)-\(index)"
            values.names.append(name)
            values.targetIDs.append(target)
            let changes =
                [
                    ChannelEvent.created(
                        ChannelCreated(channelId: id, name: name, catalogVersion: 1, transport: "sandbox"))
                ]
                + credentials(target, index)
            created.append(StreamBatch(try changes.map(event), to: stream(id), expected: .noStream))
        }
        try await store.append(batches: created)
        for round in 0..<rounds {
            var batches: [StreamBatch] = []
            for (index, id) in ids.enumerated() {
                let previous = round == 0 ? "\(prefix) \(index)" : "\(prefix) \(index) r\(round - 1)"
                let next = "\(prefix) \(index) r\(round)"
                values.names.append(next)
                let mapping = mappings[(index + round) % mappings.count]
                var changes: [ChannelEvent] = [
                    .renamed(ChannelRenamed(from: previous, to: next)),
                    .mappingActivated(MappingActivated(mapping: mapping, catalogVersion: 1)),
                ]
                if round % 3 == 2 { changes.append(.mappingDeactivated(MappingDeactivated(mapping: mapping))) }
                if round % 4 == 3 {
                    let target = "T-\(prefix)-\(index)-r\(round)"
                    values.targetIDs.append(target)
                    changes += credentials(target, index)
                }
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
        return values
    }
}
