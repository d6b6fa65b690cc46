/// Why an answer or a failure may succeed when tried again.
public enum RetryReason: Sendable, Equatable {
    /// The service throttled the call (429, GraphQL `ThrottlingError`), with its `Retry-After` if any.
    case throttled(retryAfter: Duration?)
    /// The service failed (5xx, GraphQL `InternalServerError`), with its `Retry-After` if any.
    case serverError(retryAfter: Duration?)
    /// No answer came (refused, reset, timed out).
    case noAnswer

    /// The wait the service asked for, if any: the next attempt never starts sooner.
    public var retryAfter: Duration? {
        switch self {
        case .throttled(let retryAfter), .serverError(let retryAfter): retryAfter
        case .noAnswer: nil
        }
    }
}
