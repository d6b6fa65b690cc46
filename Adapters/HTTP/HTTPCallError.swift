import Transport

/// Why a call got no complete answer; the pipeline turns it into a ``TransportError``.
///
/// It names the service, the operation and what went wrong, never a header or a body.
public struct HTTPCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Equatable {
        /// The connection could not be made or broke before the answer's head (refused, reset, DNS).
        case connection
        /// The attempt took longer than its timeout.
        case timeout
        /// The answer's body was larger than the cap; reading stopped there.
        case tooLarge
        /// The connection closed before the whole body came.
        case cutShort
    }

    /// What went wrong.
    public var kind: Kind
    /// The service called.
    public var service: Service
    /// The operation, e.g. `buy-with-prime.order`.
    public var operation: String
    /// A short explanation, e.g. `timed out after 30 s`.
    public var detail: String
    /// How many attempts were made; the retry middleware sets it.
    public var attempts: Int = 1

    /// A failure of one call.
    public init(_ kind: Kind, service: Service, operation: String, detail: String) {
        self.kind = kind
        self.service = service
        self.operation = operation
        self.detail = detail
    }

    /// One line: the operation, the detail and the number of attempts.
    public var description: String {
        "\(operation): \(detail)" + (attempts > 1 ? " (\(attempts) attempts)" : "")
    }

    /// The port's error: `unavailable` when no answer came, `malformedAnswer` when it was cut or too large.
    public var transportError: TransportError {
        switch kind {
        case .connection, .timeout: .unavailable(service: service, reason: description)
        case .tooLarge, .cutShort: .malformedAnswer(service: service, reason: description)
        }
    }
}
