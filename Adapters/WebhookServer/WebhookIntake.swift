import ChannelLedger
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Transport

/// What the server does with a delivery and a health check, and how each outcome is answered.
///
/// | outcome | status |
/// |---|---|
/// | recorded, or recorded before (a redelivery) | 200 |
/// | an order recorded with no channel (no live channel owns its target ID, or the flow is off) | 202 |
/// | an event about an order never received (acknowledged, nothing recorded) | 200 |
/// | not authenticated | 401 |
/// | not a Buy with Prime event | 400 |
/// | a body over the limit | 413 |
/// | the order cannot be fetched yet, the service or the store is unavailable | 503 |
struct WebhookIntake: Sendable {
    let service: LedgerService
    let configuration: WebhookServer.Configuration

    private var verification: any WebhookVerification {
        configuration.verification ?? BasicAuthVerification(service: service)
    }

    /// `GET /health`: 200 with the log's head while the store answers, else 503.
    func health() async -> Response {
        do {
            let head = try await service.store.head()
            return .json(.ok, HealthAnswer(status: "ok", head: head.position))
        } catch {
            return .json(.serviceUnavailable, ErrorAnswer(error: configuration.describe(error)))
        }
    }

    /// `POST /webhooks/buy-with-prime/{subscription}`.
    func deliver(_ request: Request, subscription: String) async -> Response {
        let logger = configuration.logger
        do {
            guard try await verification.authenticate(subscription: subscription, headers: request.headers) else {
                logger.notice("401 for subscription \(subscription)")
                return .json(
                    .unauthorized, ErrorAnswer(error: "not authenticated for this subscription"),
                    headers: [.wwwAuthenticate: #"Basic realm="channel-ledger", charset="UTF-8""#])
            }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: configuration.maximumBodySize)
            } catch let error where Self.isTooLarge(error) {
                logger.notice("413 for subscription \(subscription): body over \(configuration.maximumBodySize) bytes")
                return .json(
                    .contentTooLarge,
                    ErrorAnswer(error: "the body is over \(configuration.maximumBodySize) bytes; nothing was recorded"))
            }
            let bytes = Array(body.readableBytesView)
            guard try await verification.verify(subscription: subscription, headers: request.headers, body: bytes)
            else {
                logger.notice("401 for subscription \(subscription): the body does not verify")
                return .json(.unauthorized, ErrorAnswer(error: "the delivery's signature does not verify"))
            }
            let event: BuyWithPrimeEvent
            do {
                event = try BuyWithPrimeEvent.decode(Data(bytes))
            } catch {
                logger.notice("400 for subscription \(subscription): \(Self.reason(error))")
                return .json(.badRequest, ErrorAnswer(error: Self.reason(error)))
            }
            let outcome = try await service.receive(
                event, context: CommandContext(actor: subscription, source: "webhook"))
            let status: HTTPResponse.Status =
                outcome.kind == .recorded && outcome.eventType == BuyWithPrimeEvent.orderConfirmed
                    && outcome.channelId == nil ? .accepted : .ok
            logger.info(
                "\(status.code) \(event.eventType) \(outcome.orderId ?? "-"): \(outcome.kind.rawValue) (subscription \(subscription))"
            )
            return .json(status, DeliveryAnswer(outcome))
        } catch {
            let (status, retryAfter) = Self.status(of: error, class: configuration.failureClass(error))
            logger.warning("\(status.code) for subscription \(subscription): \(configuration.describe(error))")
            var headers: HTTPFields = [:]
            if let retryAfter { headers[.retryAfter] = String(retryAfter) }
            return .json(status, ErrorAnswer(error: configuration.describe(error)), headers: headers)
        }
    }

    /// The status of a failed delivery, and when to try again: 400 for what the sender must fix,
    /// 503 for what a later delivery fixes (a transport or the store unavailable, a conflict that
    /// outlasted its retries), 500 for anything else (nothing was recorded either way).
    static func status(of error: any Error, class failureClass: FailureClass?) -> (HTTPResponse.Status, Int?) {
        if !(error is IntakeError), !(error is TransportError),
            failureClass == .unavailable || failureClass == .conflict
        {
            return (.serviceUnavailable, 5)
        }
        switch error {
        case let error as IntakeError:
            return error.failureClass == .unavailable ? (.serviceUnavailable, 30) : (.badRequest, nil)
        case TransportError.throttled(_, let retryAfter):
            return (.serviceUnavailable, retryAfter.map { Int($0.rounded(.up)) } ?? 30)
        case TransportError.unavailable, TransportError.malformedAnswer, TransportError.notFound:
            return (.serviceUnavailable, 30)
        default:
            return (.internalServerError, nil)
        }
    }

    /// Whether reading the body stopped at the limit (Hummingbird's 413, or NIO's byte count).
    private static func isTooLarge(_ error: any Error) -> Bool {
        if let error = error as? HTTPError { return error.status == .contentTooLarge }
        return error is NIOTooManyBytesError
    }

    private static func reason(_ error: any Error) -> String {
        ((error as? BuyWithPrimeEventError)?.description ?? "not a Buy with Prime event envelope")
            + "; nothing was recorded"
    }
}

/// The answer to a delivery taken: what happened, the order and its channel.
struct DeliveryAnswer: Encodable {
    var outcome: String
    var eventType: String
    var orderId: String?
    var channelId: String?
    var associated: Bool

    init(_ outcome: IntakeOutcome) {
        self.outcome = outcome.kind.rawValue
        eventType = outcome.eventType
        orderId = outcome.orderId
        channelId = outcome.channelId?.uuidString.lowercased()
        associated = outcome.channelId != nil
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(orderId, forKey: .orderId)
        try container.encode(channelId, forKey: .channelId)
        try container.encode(associated, forKey: .associated)
    }

    private enum CodingKeys: String, CodingKey { case outcome, eventType, orderId, channelId, associated }
}

/// `{"error": "…"}`: one line saying what went wrong.
struct ErrorAnswer: Encodable {
    var error: String
}

/// `{"status": "ok", "head": N}`.
struct HealthAnswer: Encodable {
    var status: String
    var head: Int64
}

extension Response {
    /// A JSON answer, keys sorted.
    static func json(_ status: HTTPResponse.Status, _ body: some Encodable, headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data(#"{"error":"the answer could not be encoded"}"#.utf8)
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
