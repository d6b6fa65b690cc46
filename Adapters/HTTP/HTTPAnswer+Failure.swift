import Foundation
import Transport

extension HTTPAnswer {
    /// The failure every API shares: 429 is `throttled` (with its `Retry-After`), 5xx `unavailable`,
    /// and so is a 3xx (redirects are not followed: the endpoint is wrong, not the credentials, so
    /// nothing may be recorded as a rejection); nil for other statuses, which each adapter reads in
    /// its service's error shape.
    public func sharedFailure(of call: HTTPCall) -> TransportError? {
        switch status {
        case 429:
            .throttled(service: call.service, retryAfter: retryAfter().map(RetryPolicy.seconds))
        case 500...599:
            .unavailable(service: call.service, reason: facts(of: call))
        case 300...399:
            .unavailable(
                service: call.service, reason: "\(facts(of: call)), a redirect (not followed): check the endpoint")
        default:
            nil
        }
    }

    /// `operation: HTTP status` and the number of attempts when more than one, e.g.
    /// `buy-with-prime.order: HTTP 503 (4 attempts)`.
    public func facts(of call: HTTPCall) -> String {
        "\(call.operation): HTTP \(status)" + (attempts > 1 ? " (\(attempts) attempts)" : "")
    }

    /// A rejection coded `code` with the service's `message`, followed by the operation and status.
    public func rejection(of call: HTTPCall, code: String, message: String) -> TransportError {
        .rejected(service: call.service, code: code, message: "\(message) (\(facts(of: call)))")
    }

    /// The body decoded as `type`; `malformedAnswer` naming the operation and what was wrong when it is not.
    public func decode<Value: Decodable>(_ type: Value.Type, of call: HTTPCall) throws(TransportError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch {
            throw .malformedAnswer(
                service: call.service, reason: "\(facts(of: call)): \(JSONProblem.describe(error))")
        }
    }

    /// The body decoded as `type`, or nil when it is not that (for error bodies, which may be anything).
    public func decodeIfPossible<Value: Decodable>(_ type: Value.Type) -> Value? {
        try? JSONDecoder().decode(type, from: body)
    }

    /// Whether the body holds these bytes: a cheap look before a decode that only an answer
    /// carrying them needs (a GraphQL `"errors"` member, say).
    public func bodyContains(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard count > 0, body.count >= count else { return false }
        let first = Int32(text.utf8Start.pointee)
        return body.withUnsafeBytes { bytes in
            guard var cursor = bytes.baseAddress else { return false }
            let end = cursor + bytes.count
            // memchr finds each candidate start; memcmp checks the rest.
            while end - cursor >= count, let hit = memchr(cursor, first, end - cursor) {
                if end - UnsafeRawPointer(hit) < count { return false }
                if memcmp(hit, text.utf8Start, count) == 0 { return true }
                cursor = UnsafeRawPointer(hit) + 1
            }
            return false
        }
    }
}
