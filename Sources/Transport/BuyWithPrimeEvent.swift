import Foundation

/// One Buy with Prime event, read from the envelope it came in: a webhook's
/// (`idempotencyKey`, `eventDescriptor`, `resources`, `eventId`, `subscriptionId`, `eventTime`,
/// `data`) or Amazon EventBridge's (`id`, `detail-type`, `resources`, `time`, `detail`).
///
/// Resources name what the event is about: `businessProduct/<targetId>/order/<orderId>` gives the
/// account's Target ID and the order. An `ORDER_CONFIRMED` webhook carries the order itself in
/// `data.order` (an EventBridge event in `detail.order`); other events are thin.
public struct BuyWithPrimeEvent: Sendable, Equatable {
    /// What makes a delivery the same delivery: the webhook's `idempotencyKey` (EventBridge: the
    /// detail's `idempotencyKey`, else the event's `id`).
    public var idempotencyKey: String
    /// The event type, e.g. `ORDER_CONFIRMED`.
    public var eventType: String
    /// Buy with Prime's id of the event, when the envelope has one.
    public var eventId: String?
    /// The Target ID (business product) of the first `businessProduct/<id>` resource.
    public var targetId: String?
    /// The order the event is about: from the resources, else the order snapshot.
    public var orderId: String?
    /// The order snapshot, when the event carries one.
    public var order: BuyWithPrimeOrder?
    /// The customer a personal-data event is about (`data.bwpCustomerId` or a `customer/<id>` resource).
    public var customerId: String?
    /// The webhook subscription it was delivered for, when the envelope says.
    public var subscriptionId: String?
    /// When the event happened, as the envelope wrote it.
    public var eventTime: String?

    /// An event.
    public init(
        idempotencyKey: String, eventType: String, eventId: String? = nil, targetId: String? = nil,
        orderId: String? = nil, order: BuyWithPrimeOrder? = nil, customerId: String? = nil,
        subscriptionId: String? = nil, eventTime: String? = nil
    ) {
        self.idempotencyKey = idempotencyKey
        self.eventType = eventType
        self.eventId = eventId
        self.targetId = targetId
        self.orderId = orderId ?? order?.id
        self.order = order
        self.customerId = customerId
        self.subscriptionId = subscriptionId
        self.eventTime = eventTime
    }

    /// The type of a new order's event.
    public static let orderConfirmed = "ORDER_CONFIRMED"
    /// The prefix of the events that report a personal-data deletion task.
    public static let personalDataDeletionPrefix = "PERSONAL_DATA_DELETION_TASK_"

    /// Reads an envelope of either kind.
    public static func decode(_ data: Data) throws(BuyWithPrimeEventError) -> BuyWithPrimeEvent {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch {
            throw .notAnEnvelope(Self.reason(error))
        }
        let body = envelope.data ?? envelope.detail
        guard let eventType = envelope.eventDescriptor?.eventType ?? envelope.detailType, !eventType.isEmpty else {
            throw .missingField("eventDescriptor")
        }
        // Event types are recorded and logged: letters, digits, `_`, `-` and `.` only (ORDER_CONFIRMED, …).
        guard eventType.count <= 100, eventType.unicodeScalars.allSatisfy(Self.isTypeCharacter) else {
            throw .invalidField("eventDescriptor", "up to 100 letters, digits, '_', '-' or '.'")
        }
        if let id = envelope.eventId ?? envelope.id, id.count > 200 || id.unicodeScalars.contains(where: Self.isControl)
        {
            throw .invalidField("eventId", "up to 200 characters, no control characters")
        }
        guard let key = envelope.idempotencyKey ?? body?.idempotencyKey ?? envelope.id, !key.isEmpty else {
            throw .missingField("idempotencyKey")
        }
        let resources = Resources(envelope.resources ?? [])
        let event = BuyWithPrimeEvent(
            idempotencyKey: key, eventType: eventType, eventId: envelope.eventId ?? envelope.id,
            targetId: resources.value(after: "businessProduct"),
            orderId: resources.value(after: "order") ?? body?.order?.order.id ?? body?.orderId,
            order: body?.order?.order,
            customerId: body?.bwpCustomerId ?? body?.customerId ?? resources.value(after: "customer"),
            subscriptionId: envelope.subscriptionId, eventTime: envelope.eventTime ?? envelope.time)
        try event.checkFields()
        return event
    }

    /// Refuses what the ledger would record, print or log but cannot take: ids with whitespace or
    /// control characters, or longer than 200 characters; any other text with control characters.
    private func checkFields() throws(BuyWithPrimeEventError) {
        let identifier = "1 to 200 characters without spaces or control characters"
        if idempotencyKey.count > 500 || idempotencyKey.unicodeScalars.contains(where: Self.isControl) {
            throw .invalidField("idempotencyKey", "up to 500 characters without control characters")
        }
        for (field, value) in [("order id", orderId), ("target ID", targetId), ("customer id", customerId)] {
            guard let value else { continue }
            guard (1...200).contains(value.count), !value.unicodeScalars.contains(where: Self.isSpaceOrControl)
            else { throw .invalidField(field, identifier) }
        }
        guard let order else { return }
        var texts: [String?] = [order.id, order.customer?.bwpCustomerId, order.customer?.name, order.customer?.email]
        for alias in order.aliases { texts += [alias.aliasType, alias.aliasId] }
        for line in order.lineItems {
            texts += [line.id, line.amazonSku, line.externalId, line.price?.amount, line.price?.currencyCode]
        }
        for case let text? in texts where text.count > 500 || text.unicodeScalars.contains(where: Self.isControl) {
            throw .invalidField("data.order", "text up to 500 characters without control characters")
        }
    }

    private static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar) || scalar.properties.isWhitespace
    }

    private static func isTypeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-.".unicodeScalars.contains(scalar))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
    }

    /// A short reason a decoding error gives, without the data.
    private static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context)?: context.underlyingError == nil ? context.debugDescription : "not JSON"
        case .keyNotFound(let key, _)?: "no \(key.stringValue)"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        default: "not JSON"
        }
    }

    private struct Envelope: Decodable {
        var idempotencyKey: String?
        var eventDescriptor: Descriptor?
        var resources: [String]?
        var eventId: String?
        var subscriptionId: String?
        var eventTime: String?
        var data: Body?
        // Amazon EventBridge
        var id: String?
        var detailType: String?
        var time: String?
        var detail: Body?

        enum CodingKeys: String, CodingKey {
            case idempotencyKey, eventDescriptor, resources, eventId, subscriptionId, eventTime, data, id, time, detail
            case detailType = "detail-type"
        }
    }

    /// `eventDescriptor`: the type as a string, or an object naming it.
    private struct Descriptor: Decodable {
        var eventType: String?

        private enum CodingKeys: String, CodingKey { case eventType, type, name }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                eventType = text
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            eventType =
                try container.decodeIfPresent(String.self, forKey: .eventType)
                ?? container.decodeIfPresent(String.self, forKey: .type)
                ?? container.decodeIfPresent(String.self, forKey: .name)
        }
    }

    private struct Body: Decodable {
        var order: BuyWithPrimeOrderWire?
        var orderId: String?
        var idempotencyKey: String?
        var bwpCustomerId: String?
        var customerId: String?
    }

    /// Resource paths (`businessProduct/<id>/order/<id>`), read as alternating names and values.
    private struct Resources {
        let paths: [[Substring]]

        init(_ resources: [String]) {
            paths = resources.map { $0.split(separator: "/", omittingEmptySubsequences: false) }
        }

        /// The first value that follows `name` in a path, if any.
        func value(after name: String) -> String? {
            for parts in paths {
                var index = parts.startIndex
                while index + 1 < parts.endIndex {
                    if parts[index] == name, !parts[index + 1].isEmpty { return String(parts[index + 1]) }
                    index += 2
                }
            }
            return nil
        }
    }
}

/// Why an envelope cannot be read as a Buy with Prime event.
public enum BuyWithPrimeEventError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not JSON, or not an object of the envelope's shape (the reason, without the data).
    case notAnEnvelope(String)
    /// A field every event needs is missing or empty.
    case missingField(String)
    /// A field has characters or a length the ledger does not record: the field and what it may hold.
    case invalidField(String, String)

    /// What is wrong with the envelope, in a few words (no data from it).
    public var description: String {
        switch self {
        case .notAnEnvelope(let why): "not a Buy with Prime event envelope (\(why))"
        case .missingField(let field): "the envelope has no \(field)"
        case .invalidField(let field, let rule): "the envelope's \(field) is not \(rule)"
        }
    }
}
