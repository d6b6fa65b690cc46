import Foundation

/// Errors by layer: a rejection is a business answer from the service (wrong secret, unknown target ID): the application records it.
///
/// Not found, throttled, an unreadable answer and an unsupported operation record nothing either.
///
/// Unavailable means the service could not be reached or failed (5xx, timeout, throttled after
/// retries): the application records nothing. The `description` is one line and never holds a secret
/// or a token; adapters put only the service's error code and message in a rejection.
public enum TransportError: Error, Equatable, CustomStringConvertible {
    /// The service answered and refused: `code` is its error code (`invalid_client`, `AccessDeniedError`).
    case rejected(service: Service, code: String, message: String)
    /// The service could not be reached or failed; trying again later may succeed.
    case unavailable(service: Service, reason: String)
    /// The service has no such thing (yet): an order not found, a record gone.
    case notFound(service: Service, what: String)
    /// The service throttled the call through every retry; `retryAfter` is its last `Retry-After`, in seconds.
    case throttled(service: Service, retryAfter: Double?)
    /// The service's answer could not be read (not JSON, cut short, too large, missing fields).
    case malformedAnswer(service: Service, reason: String)
    /// The transport does not implement the operation.
    case unsupported(service: Service, operation: String)

    /// The service that rejected the call or could not be reached.
    public var service: Service {
        switch self {
        case .rejected(let service, _, _), .unavailable(let service, _), .notFound(let service, _),
            .throttled(let service, _), .malformedAnswer(let service, _), .unsupported(let service, _):
            service
        }
    }

    /// One line of facts, e.g. `Buy with Prime refused the call (AccessDeniedError: …)`.
    public var description: String {
        switch self {
        case .rejected(let service, let code, let message):
            "\(service.rawValue) refused the call (\(Self.oneLine(code)): \(Self.oneLine(message)))"
        case .unavailable(let service, let reason):
            "\(service.rawValue) is unavailable (\(Self.oneLine(reason)))"
        case .notFound(let service, let what):
            "\(service.rawValue) has no \(Self.oneLine(what))"
        case .throttled(let service, let retryAfter):
            "\(service.rawValue) throttled the call" + (retryAfter.map { " (retry after \($0) s)" } ?? "")
        case .malformedAnswer(let service, let reason):
            "\(service.rawValue) answered with something unreadable (\(Self.oneLine(reason)))"
        case .unsupported(let service, let operation):
            "the transport does not support \(operation) (\(service.rawValue))"
        }
    }

    /// Whether trying again later may succeed (unavailable, throttled, an unreadable answer).
    public var isTransient: Bool {
        switch self {
        case .unavailable, .throttled, .malformedAnswer: true
        case .rejected, .notFound, .unsupported: false
        }
    }

    /// Collapses line breaks and other control characters so a description stays on one line.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { character in
            character.unicodeScalars.contains {
                CharacterSet.controlCharacters.contains($0) || CharacterSet.newlines.contains($0)
            }
        }).joined(separator: " ")
    }
}

extension TransportError: LocalizedError {
    /// The same one line as `description`, so `localizedDescription` is useful too.
    public var errorDescription: String? { description }
}
