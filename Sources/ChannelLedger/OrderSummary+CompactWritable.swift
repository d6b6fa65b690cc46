import EventSourcing

/// Written field by field on every append that changes an order (decision 34), in the order of
/// the synthesized `Encodable` conformance.
extension OrderSummary: CompactWritable {
    /// Writes the fields `encode(to:)` encodes, in its order.
    package func write(to container: CompactKeyedWriter) throws {
        try container.write(received, forKey: "received")
        try container.writeIfPresent(channelId, forKey: "channelId")
        try container.writeIfPresent(reason, forKey: "reason")
        try container.write(laterEvents, forKey: "laterEvents")
        try container.writeIfPresent(lastEventType, forKey: "lastEventType")
        try container.write(version, forKey: "version")
        try container.write(receivedAt, forKey: "receivedAt")
        try container.write(updatedAt, forKey: "updatedAt")
        try container.writeIfPresent(publishedChannelId, forKey: "publishedChannelId")
        try container.writeIfPresent(salesforceId, forKey: "salesforceId")
        try container.writeIfPresent(publicationFailure, forKey: "publicationFailure")
    }
}
