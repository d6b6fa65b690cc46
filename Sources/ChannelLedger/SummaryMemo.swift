import EventSourcing
import Foundation

/// Summaries (channels', orders') recently read or written, by document key, kept decoded beside
/// their exact bytes (``BytesMemo``): rebuilds of channel-heavy logs were mostly decoding the same
/// bytes again, and the publisher reads back what intake wrote.
typealias SummaryMemo<Summary: Sendable> = BytesMemo<String, Summary>

extension BytesMemo where Key == String, Value: Decodable {
    /// The summary these bytes hold: remembered, or decoded and remembered.
    func decode(_ key: String, _ data: Data, with decoder: CompactDecoder) throws -> Value {
        if let summary = value(key, for: data) { return summary }
        let summary = try decoder.decode(Value.self, from: data)
        remember(key, data, summary)
        return summary
    }
}
