import ChannelDomain
import EventSourcing

/// The events this version can fold, by stream category: the wire names of each category's codec,
/// with the schema version it reads up to.
///
/// A stream of one of these categories is folded by a decider or a projection, which refuses an
/// event it cannot read rather than build a wrong state from the others; a stream of any other
/// category is nobody's to fold here, so its events are only ever shown raw.
enum EventCatalog {
    /// One category's codec: its wire names with their schema versions, and its upcasters' check.
    private struct Entry: Sendable {
        let category: Substring
        let schemaVersions: [String: Int]
        let validate: @Sendable () throws -> Void

        init<Event>(_ category: Substring, _ codec: EventCodec<Event>) {
            self.category = category
            self.schemaVersions = codec.schemaVersions
            self.validate = { try codec.validate() }
        }
    }

    /// Every codec, one per folded category.
    private static let entries: [Entry] = [
        Entry(Streams.channelCategory[...], ChannelEvent.codec),
        Entry(Streams.connectedApp.category, ConnectedAppEvent.codec),
        Entry(Streams.ledger.category, LedgerEvent.codec),
        Entry(Streams.settings.category, SettingsEvent.codec),
        Entry(Streams.associationRules.category, AssociationFlowEvent.codec),
        Entry(Streams.webhooks.category, WebhookSubscriptionEvent.codec),
        Entry(Streams.orderCategory[...], OrderEvent.codec),
        Entry(Streams.customerCategory[...], CustomerEvent.codec),
    ]

    /// Each folded category's wire names and schema versions.
    static let schemaVersions: [Substring: [String: Int]] = Dictionary(
        uniqueKeysWithValues: entries.map { ($0.category, $0.schemaVersions) })

    /// Checks every codec's upcasters (see ``EventCodec/validate()``); throws the first broken chain.
    static func validate() throws {
        for entry in entries { try entry.validate() }
    }

    /// Whether events of a stream's category are folded here (and so must be readable).
    static func folds(_ stream: StreamName) -> Bool {
        schemaVersions[stream.category] != nil
    }

    /// Why this version cannot fold a recorded event a newer version wrote, or nil when it can (a
    /// schema version below 1, which no version writes, is the caller's to refuse).
    static func unreadable(_ event: RecordedEvent) -> String? {
        guard let known = schemaVersions[event.stream.category] else { return nil }
        guard let supported = known[event.type] else {
            return
                "the event at position \(event.position) is of type \(event.type), which this version of channel-ledger does not know (a newer version wrote it)"
        }
        guard event.schemaVersion <= supported else {
            return
                "the event at position \(event.position) is \(event.type) at schema version \(event.schemaVersion), which this version of channel-ledger reads up to \(supported) (a newer version wrote it)"
        }
        return nil
    }
}
