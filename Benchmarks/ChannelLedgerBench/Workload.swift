import EventSourcing
import Foundation

/// Realistic events: orders with ~300-byte payloads spread round-robin over many streams.
struct Workload: Sendable {
    /// The events' type: one no projection of the ledger reads (the orders projection reads
    /// `OrderReceived`, whose payload this is not), so the figures stay those of the log itself.
    static let eventType = "BenchOrderSeen"
    /// The streams' category.
    static let category = "bench-order"

    var streams: Int = 10_000
    var batchSize: Int = 100

    /// The payload of one order event, about 300 bytes of canonical JSON.
    static func orderPayload(_ n: Int) -> Data {
        let json = """
            {"amount":{"currencyCode":"USD","value":\(1000 + n % 9000)},"channelId":"01a2257a-edb0-79c2-a64f-ccf450f45e40",\
            "customer":{"bwpCustomerId":"cust-\(n % 50_000)"},"lineItems":[{"id":"li-\(n)-1","product":{"sku":"SKU-\(n % 997)",\
            "title":"Organic cotton tee, size M"},"quantity":\(1 + n % 3)}],"orderId":"322-\(String(format: "%04d", n % 10_000))-\
            \(String(format: "%06d", n % 1_000_000))","status":"CONFIRMED","targetId":"A1V6B8K3QZ7XUS"}
            """
        return Data(json.utf8)
    }

    /// The decoded shape a reader would want from an order payload.
    struct Order: Decodable {
        struct Amount: Decodable {
            var currencyCode: String
            var value: Int
        }
        var orderId: String
        var status: String
        var targetId: String
        var amount: Amount
    }

    static let metadata = EventMetadata(actor: "bench", correlationID: nil, causationID: nil, source: "bench")

    /// 100,000 distinct payloads, made once before any timing starts (``warmUp()``): formatting
    /// them costs several microseconds each, which no figure should include, ours or raw SQLite's.
    static let payloads: [Data] = (0..<100_000).map(orderPayload)

    /// Builds the payload table, so the first timed run does not.
    static func warmUp() {
        precondition(payloads.count == 100_000)
    }

    /// A batch of `count` order events numbered from `first` (payloads from the table).
    static func batch(first: Int, count: Int, at time: Timestamp) -> [NewEvent] {
        (first..<first + count).map { n in
            NewEvent(
                id: UUIDv7.make(at: time), type: Workload.eventType, schemaVersion: 1, recordedAt: time,
                payload: payloads[n % payloads.count], metadata: metadata)
        }
    }

    /// One batch of a run: its events' numbers, its place in the run and its stream's index.
    struct Batch {
        var first: Int
        var count: Int
        var index: Int
        var streamIndex: Int
    }

    /// The batches of a run of `total` events, every side of a comparison appending the same ones:
    /// ``batchSize`` events each (the last may be short), one stream per batch, round-robin.
    func batches(total: Int) -> [Batch] {
        stride(from: 0, to: total, by: batchSize).enumerated().map { index, first in
            Batch(first: first, count: min(batchSize, total - first), index: index, streamIndex: index % streams)
        }
    }

    /// The stream of the i-th batch: `bench-order:<n>` round-robin over ``streams``.
    func stream(ofBatch index: Int) -> StreamName {
        StreamName(category: Workload.category, id: String(format: "%06d", index % streams))
    }
}
