/// Sends one HTTP request and reads its whole answer: the only place the live transport does I/O.
///
/// Throws ``HTTPCallError`` when no complete answer came (unreachable, timed out, cut short, too
/// large); any status, 5xx included, is an answer.
public protocol HTTPTransport: Sendable {
    /// Sends `call` once.
    func send(_ call: HTTPCall) async throws -> HTTPAnswer
}

/// A step around every call (swift-openapi-runtime's `ClientMiddleware`): bearer tokens, retries, logs.
public protocol HTTPMiddleware: Sendable {
    /// Handles `call`, passing it (or a changed copy, or several in turn) to `next`.
    func intercept(
        _ call: HTTPCall, next: @Sendable (HTTPCall) async throws -> HTTPAnswer
    ) async throws -> HTTPAnswer
}
