import Logging
import Transport

/// The transport with its middlewares, outermost first; what the adapters call.
///
/// Every ``HTTPCallError`` leaves it as the port's ``TransportError``.
public struct HTTPPipeline: Sendable {
    /// The transport that does the I/O.
    public let transport: any HTTPTransport
    /// The middlewares, outermost first.
    public let middlewares: [any HTTPMiddleware]

    /// A pipeline of `middlewares` (outermost first) around `transport`.
    public init(transport: any HTTPTransport, middlewares: [any HTTPMiddleware]) {
        self.transport = transport
        self.middlewares = middlewares
    }

    /// The live transport's pipeline: retries, then bearer tokens, then `extra` (an adapter's
    /// own, e.g. Salesforce's limit logging), then the request log, around `transport`.
    public static func standard(
        transport: any HTTPTransport, retryPolicy: RetryPolicy = .standard, clock: RetryClock = .continuous,
        logger: Logger, extra: [any HTTPMiddleware] = []
    ) -> HTTPPipeline {
        HTTPPipeline(
            transport: transport,
            middlewares: [RetryMiddleware(policy: retryPolicy, clock: clock), BearerTokenMiddleware()] + extra
                + [RequestLoggingMiddleware(logger: logger)])
    }

    /// Sends `call` through every middleware to the transport.
    public func send(_ call: HTTPCall) async throws -> HTTPAnswer {
        var next: @Sendable (HTTPCall) async throws -> HTTPAnswer = { [transport] in try await transport.send($0) }
        for middleware in middlewares.reversed() {
            let inner = next
            next = { try await middleware.intercept($0, next: inner) }
        }
        do {
            return try await next(call)
        } catch let failure as HTTPCallError {
            throw failure.transportError
        }
    }
}
