import ChannelDomain
import EventSourcing
import Foundation

/// The inline projection behind `orders list` and `orders show`, and the claims that make intake
/// exactly-once: every event that intake records (source `webhook` or `import`) claims its causation
/// id, the name-based UUID of the delivery's idempotency key, for its order's stream, in the same
/// transaction. A delivery whose key is claimed is answered from what was recorded.
public struct OrderProjection: Projection {
    /// The read model's stable name.
    public let name = "orders"
    /// Version 6: one summary per order, keyed by the Buy with Prime order id (version 1), each
    /// order's place in the by-channel index (``ReadModels/orderChannelIndex``, version 2), the
    /// delivery claims of intake's `CustomerForgotten` too (version 3), and the pending-publication
    /// index with each summary's publication (``ReadModels/orderPublicationIndex``, version 4),
    /// and the index of orders the publisher gave up on with each summary's failure
    /// (``ReadModels/orderPublicationFailedIndex``, version 5), its documents in the compact format
    /// (``ReadModelCodecs``) instead of JSON (version 6).
    public let version = 6
    /// Order summaries.
    public var models: [String] { [ReadModels.order] }
    /// Idempotency keys of intake, the by-channel index of orders, and the publisher's two indexes.
    public var claimKinds: [String] {
        [
            ReadModels.intakeClaim, ReadModels.orderChannelIndex, ReadModels.orderPublicationIndex,
            ReadModels.orderPublicationFailedIndex,
        ]
    }

    /// Order summaries decoded by their exact bytes, shared by this process's projection and the
    /// publisher's reads: a summary written by intake (or a batch before) is not decoded again to be
    /// published, nor to fold the `OrderPublished` in. Bounded: a publisher that keeps up with intake
    /// reads what was written recently, and a rebuild must stay within its memory budget.
    static let sharedMemo = SummaryMemo<OrderSummary>(capacity: 4_096)
    /// The memo this projection reads and fills: ``sharedMemo`` unless a test gives its own.
    let memo: SummaryMemo<OrderSummary>

    /// The sources whose events claim their causation id.
    static let intakeSources: Set<String> = ["webhook", "import"]

    /// The projection; it needs no configuration.
    public init() {
        self.init(memo: Self.sharedMemo)
    }

    /// The projection with a memo of its own.
    init(memo: SummaryMemo<OrderSummary>) {
        self.memo = memo
    }

    /// Whether the wire name is an order event, or a customer's (whose delivery claims it keeps).
    public func handles(_ type: String) -> Bool { OrderEvent.codec.knows(type) || CustomerEvent.codec.knows(type) }

    /// Folds the event into its order's summary and claims its delivery's key.
    public func apply(_ event: RecordedEvent, to models: any ReadModelWriter) throws {
        try apply([event], to: models)
    }

    /// Folds a batch: each order's summary is read once, folded through the batch's events of its
    /// stream in order and written once (intake appends `OrderReceived` and `OrderAssociated`
    /// together), and its places in the indexes move once, from where the summary read stood to
    /// where the written one stands (a received order associated in the same batch is claimed
    /// once, under its channel). Delivery claims are made event by event, in log order.
    public func apply(_ events: [RecordedEvent], to models: any ReadModelWriter) throws {
        let decoder = EventCodecs.decoder()
        let documents = ReadModelCodecs.decoder()
        var read: [String: OrderSummary?] = [:]
        var summaries: [String: OrderSummary] = [:]
        var order: [String] = []
        for event in events where handles(event.type) {
            if event.stream.category == Streams.customerCategory {
                try Self.claimDelivery(of: event, models)
                continue
            }
            guard event.stream.category == Streams.orderCategory, let key = event.stream.id.map(String.init) else {
                continue
            }
            if read[key] == nil {
                let data = try models.document(ReadModels.order, key: key)
                let summary = try data.map { try memo.decode(key, $0, with: documents) }
                read[key] = .some(summary)
                summaries[key] = summary
                order.append(key)
            }
            summaries[key] = try fold(event, into: summaries[key], decoder: decoder)
            try Self.claimDelivery(of: event, models)
        }
        let encoder = ReadModelCodecs.encoder()
        for key in order {
            guard let summary = summaries[key] else { continue }
            try Self.moveIndexes(key, from: read[key] ?? nil, to: summary, models)
            let data = try encoder.encode(summary)
            try models.setDocument(ReadModels.order, key: key, to: data)
            memo.remember(key, data, summary)
        }
    }

    /// One event folded into its order's summary.
    private func fold(_ event: RecordedEvent, into current: OrderSummary?, decoder: JSONDecoder) throws -> OrderSummary
    {
        let change = try OrderEvent.codec.decode(event, using: decoder)
        var summary = current
        switch change {
        case .received(let received):
            summary = OrderSummary(
                received: received, channelId: nil, reason: nil, laterEvents: 0, lastEventType: nil,
                version: event.version, receivedAt: event.recordedAt, updatedAt: event.recordedAt)
        case .associated(let associated):
            summary?.channelId = associated.channelId
            summary?.reason = associated.reason
            summary?.publicationFailure = nil
        case .reassociated(let reassociated):
            summary?.channelId = reassociated.to
            summary?.reason = reassociated.reason
            summary?.publicationFailure = nil
        case .eventReceived(let later):
            summary?.laterEvents += 1
            summary?.lastEventType = later.eventType
        case .published(let published):
            summary?.publishedChannelId = published.channelId
            summary?.salesforceId = published.salesforceId
            summary?.publicationFailure = nil
        case .publishFailed(let failed):
            summary?.publicationFailure = failed
        }
        guard var summary else { throw OrderProjectionError.eventBeforeReceipt(stream: event.stream.rawValue) }
        summary.version = event.version
        summary.updatedAt = event.recordedAt
        return summary
    }

    /// Moves the order's entries in the by-channel, pending and failed indexes from where
    /// `before` (nil for a new order) had them to where `after` has them.
    private static func moveIndexes(
        _ key: String, from before: OrderSummary?, to after: OrderSummary, _ models: any ReadModelWriter
    ) throws {
        if before == nil || before?.channelId != after.channelId {
            if let before {
                try models.release(ReadModels.orderChannelIndex, value: indexValue(before.channelId, key), owner: key)
            }
            try models.claim(ReadModels.orderChannelIndex, value: indexValue(after.channelId, key), owner: key)
        }
        try index(
            key, in: ReadModels.orderPublicationIndex, was: before?.awaitsPublication ?? false,
            is: after.awaitsPublication, models)
        try index(
            key, in: ReadModels.orderPublicationFailedIndex, was: before?.publicationFailed ?? false,
            is: after.publicationFailed, models)
    }

    /// Puts the order in the index `kind` or takes it out, when its membership changed.
    private static func index(
        _ key: String, in kind: String, was before: Bool, is now: Bool, _ models: any ReadModelWriter
    ) throws {
        guard before != now else { return }
        if now {
            try models.claim(kind, value: key, owner: key)
        } else {
            try models.release(kind, value: key, owner: key)
        }
    }

    /// Claims the causation id of an event intake recorded (source `webhook` or `import`) for its stream.
    private static func claimDelivery(of event: RecordedEvent, _ models: any ReadModelWriter) throws {
        guard let causation = event.metadata.causationID, intakeSources.contains(event.metadata.source) else { return }
        try models.claim(ReadModels.intakeClaim, value: causation.uuidString.lowercased(), owner: event.stream.rawValue)
    }
}

extension OrderProjection {
    /// The by-channel index prefix of a channel's orders (`-/` for the unassociated).
    static func indexPrefix(_ channel: UUID?) -> String {
        (channel.map { $0.uuidString.lowercased() } ?? "-") + "/"
    }

    /// An order's entry in the by-channel index: `<channel id or ->/<order id>`.
    static func indexValue(_ channel: UUID?, _ orderId: String) -> String {
        indexPrefix(channel) + orderId
    }
}

/// Why the order projection cannot fold an event.
public enum OrderProjectionError: Error, Equatable {
    /// An order stream whose first event is not `OrderReceived`.
    case eventBeforeReceipt(stream: String)
}
