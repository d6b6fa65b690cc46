import HTTPTypes
import LiveHTTP
import Logging

/// Logs each answer's `Sforce-Limit-Info` (`api-usage=N/M`) at debug.
public struct SalesforceLimitLogging: HTTPMiddleware {
    /// Where the lines go.
    public var logger: Logger

    /// The middleware.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Sends `call` and logs the org's API usage from the answer.
    public func intercept(
        _ call: HTTPCall, next: @Sendable (HTTPCall) async throws -> HTTPAnswer
    ) async throws -> HTTPAnswer {
        let answer = try await next(call)
        if let usage = answer.response.headerFields[Self.limitInfo] {
            logger.debug(
                "Salesforce API usage", metadata: ["operation": "\(call.operation)", "limit_info": "\(usage)"])
        }
        return answer
    }

    /// `Sforce-Limit-Info`.
    static let limitInfo = HTTPField.Name("Sforce-Limit-Info")!
}
