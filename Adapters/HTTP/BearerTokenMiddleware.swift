import HTTPTypes
import Transport

/// Puts `Authorization: Bearer <token>` on calls that carry a ``BearerAuthentication``; when the
/// answer says the session expired, authenticates once more and repeats the call once.
public struct BearerTokenMiddleware: HTTPMiddleware {
    /// The middleware.
    public init() {}

    /// Sends `call` with its token; on an expired session, once more with a renewed token.
    public func intercept(
        _ call: HTTPCall, next: @Sendable (HTTPCall) async throws -> HTTPAnswer
    ) async throws -> HTTPAnswer {
        guard let authentication = call.authentication else { return try await next(call) }
        let token = try await authentication.token()
        let answer = try await next(Self.authorized(call, with: token))
        guard let renew = authentication.renew, authentication.isExpiredSession(answer) else { return answer }
        let renewed = try await renew(token)
        return try await next(Self.authorized(call, with: renewed))
    }

    static func authorized(_ call: HTTPCall, with token: Secret) -> HTTPCall {
        var call = call
        call.request.headerFields[.authorization] = "Bearer " + token.reveal()
        return call
    }
}
