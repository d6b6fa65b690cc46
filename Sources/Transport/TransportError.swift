import Foundation

/// Errors by layer: a rejection is a business answer from the service (wrong secret, unknown target ID): the application records it.
///
/// Unavailable means the service could not be reached or failed (5xx, timeout, throttled after
/// retries): the application records nothing. The `description` is one line and never holds a secret
/// or a token; adapters put only the service's error code and message in a rejection.
public enum TransportError: Error, Equatable, CustomStringConvertible {
    /// The service answered and refused: `code` is its error code (`invalid_client`, `AccessDeniedError`).
    case rejected(service: Service, code: String, message: String)
    /// The service could not be reached or failed; trying again later may succeed.
    case unavailable(service: Service, reason: String)

    /// The service that rejected the call or could not be reached.
    public var service: Service {
        switch self {
        case .rejected(let service, _, _), .unavailable(let service, _): service
        }
    }

    /// One line, e.g. `Buy with Prime rejected the credentials (AccessDeniedError: …)`.
    public var description: String {
        switch self {
        case .rejected(let service, let code, let message):
            "\(service.rawValue) rejected the credentials (\(Self.oneLine(code)): \(Self.oneLine(message)))"
        case .unavailable(let service, let reason):
            "\(service.rawValue) is unavailable (\(Self.oneLine(reason))); try again later"
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
