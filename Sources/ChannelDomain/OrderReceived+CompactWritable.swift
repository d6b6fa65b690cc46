import EventSourcing

/// An order's receipt is the largest part of its summary, rewritten with every event of the order
/// (the publisher's `OrderPublished` among them): written field by field, in the order of its
/// synthesized `Encodable` conformance.
extension OrderReceived: CompactWritable {
    /// Writes the fields `encode(to:)` encodes, in its order.
    package func write(to container: CompactKeyedWriter) throws {
        try container.write(orderId, forKey: "orderId")
        try container.write(targetId, forKey: "targetId")
        try container.write(aliases, forKey: "aliases")
        try container.write(currencies, forKey: "currencies")
        try container.write(skus, forKey: "skus")
        try container.write(externalSkus, forKey: "externalSkus")
        try container.write(lineCount, forKey: "lineCount")
        try container.write(totals, forKey: "totals")
        try container.writeIfPresent(customerId, forKey: "customerId")
        try container.writeIfPresent(emailDomain, forKey: "emailDomain")
        try container.writeIfPresent(personal, forKey: "personal")
    }
}
