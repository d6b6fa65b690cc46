import Logging

/// Logs each attempt at debug: operation, method, host, path (query names, no values), status or
/// failure, duration and attempt. Never a header, a query value or a body.
public struct RequestLoggingMiddleware: HTTPMiddleware {
    /// Where the lines go.
    public var logger: Logger

    /// A logging middleware.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Sends `call` and logs how it went.
    public func intercept(
        _ call: HTTPCall, next: @Sendable (HTTPCall) async throws -> HTTPAnswer
    ) async throws -> HTTPAnswer {
        // The lines are debug ones: below that level nothing is formatted at all.
        guard logger.logLevel <= .debug else { return try await next(call) }
        let start = ContinuousClock.now
        var metadata: Logger.Metadata = [
            "operation": "\(call.operation)", "method": "\(call.request.method.rawValue)", "host": "\(call.host)",
            "path": "\(call.loggedPath)", "attempt": "\(call.attempt)",
        ]
        do {
            let answer = try await next(call)
            metadata["status"] = "\(answer.status)"
            metadata["duration_ms"] = "\(Self.milliseconds(ContinuousClock.now - start))"
            logger.debug("HTTP request", metadata: metadata)
            return answer
        } catch let failure as HTTPCallError {
            metadata["failure"] = "\(failure.kind.rawValue)"
            metadata["duration_ms"] = "\(Self.milliseconds(ContinuousClock.now - start))"
            logger.debug("HTTP request failed", metadata: metadata)
            throw failure
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
