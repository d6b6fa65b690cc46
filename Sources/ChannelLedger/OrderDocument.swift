import ChannelDomain
import Foundation
import Transport

/// An order's JSON as `rules test` reads it: the order as Buy with Prime's GraphQL `order` returns it
/// (or in the ledger's flat ``BuyWithPrimeOrder`` shape: ``BuyWithPrimeOrderWire`` reads both, as
/// intake does), or a webhook envelope
/// `{"resources":["businessProduct/<targetId>/order/<orderId>"],"data":{"order":{…}}}` (an Amazon
/// EventBridge event's `detail.order` too), exactly as `sandbox webhooks` prints and Buy with Prime sends.
public enum OrderDocument {
    /// The routing facts of the order in the file at `path`; `targetId`, when given, wins over the envelope's.
    public static func facts(atPath path: String, targetId: String?) throws(OrderDocumentError) -> OrderFacts {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileMissing(path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .fileUnreadable(path) }
        do {
            return try facts(from: data, targetId: targetId)
        } catch .notAnOrder {
            throw .notAnOrder(path)
        } catch {
            throw error
        }
    }

    /// The routing facts of the order in `data`; `targetId`, when given, wins over the envelope's.
    public static func facts(from data: Data, targetId: String?) throws(OrderDocumentError) -> OrderFacts {
        let decoder = JSONDecoder()
        if let shape = try? decoder.decode(Shape.self, from: data), shape.isEnvelope {
            // An envelope whose order cannot be read is not an order, whatever else it holds.
            guard let envelope = try? decoder.decode(Envelope.self, from: data),
                let order = (envelope.data ?? envelope.detail)?.order?.order
            else { throw .notAnOrder(nil) }
            guard let target = targetId ?? envelope.targetId else { throw .noTargetID }
            return facts(of: order, targetId: target)
        }
        guard let order = try? decoder.decode(BuyWithPrimeOrderWire.self, from: data).order else {
            throw .notAnOrder(nil)
        }
        guard let targetId else { throw .noTargetID }
        return facts(of: order, targetId: targetId)
    }

    /// What the association flow reads of an order: aliases, line currencies and SKUs, email domain.
    public static func facts(of order: BuyWithPrimeOrder, targetId: String) -> OrderFacts {
        let currencies = order.lineItems.compactMap { $0.price?.currencyCode.uppercased() }
        let domain = order.customer?.email.flatMap { email in
            // What follows the last `@`, when there is one and something follows it.
            email.lastIndex(of: "@").map { String(email[email.index(after: $0)...]) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        return OrderFacts(
            targetId: targetId, aliases: order.aliases.map(\.aliasId),
            currencies: currencies.reduce(into: []) { if !$0.contains($1) { $0.append($1) } },
            skus: order.lineItems.compactMap(\.amazonSku), externalSkus: order.lineItems.compactMap(\.externalId),
            emailDomain: domain)
    }

    /// Which members a document has: a webhook's or an EventBridge event's, or an order's.
    private struct Shape: Decodable {
        struct Present: Decodable {
            init(from decoder: any Decoder) throws {}
        }
        var resources: Present?
        var data: Present?
        var detail: Present?

        var isEnvelope: Bool { resources != nil || data != nil || detail != nil }
    }

    /// A webhook envelope, as much of it as `rules test` reads.
    private struct Envelope: Decodable {
        struct Payload: Decodable { var order: BuyWithPrimeOrderWire? }
        var resources: [String]?
        var data: Payload?
        var detail: Payload?

        /// The target ID of the first `businessProduct/<targetId>` resource.
        var targetId: String? {
            for resource in resources ?? [] {
                let parts = resource.split(separator: "/")
                if parts.count >= 2, parts[0] == "businessProduct" { return String(parts[1]) }
            }
            return nil
        }
    }
}

/// Why `rules test` cannot read an order from a file.
public enum OrderDocumentError: ClassifiedError, Sendable, Equatable {
    /// No file at the path.
    case fileMissing(String)
    /// The file cannot be read.
    case fileUnreadable(String)
    /// Neither an order nor a webhook envelope with `data.order` (the file's path, when known).
    case notAnOrder(String?)
    /// A bare order, or an envelope without a `businessProduct/<targetId>` resource, and no target ID given.
    case noTargetID

    /// Not found for a missing file, a usage error otherwise.
    public var failureClass: FailureClass {
        if case .fileMissing = self { return .notFound }
        return .usage
    }
}
