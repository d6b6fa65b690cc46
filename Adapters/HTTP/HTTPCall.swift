import Foundation
import HTTPTypes
import Transport

/// One HTTP request as the middlewares see it: the request head and body plus what the call is
/// for (service, operation), how long one attempt may take and how it may be retried.
///
/// Its `description`, `debugDescription` and mirror show the method, host, path and operation only:
/// never a header (the bearer token travels in `Authorization`) nor the body (a token request's
/// body holds the client secret).
public struct HTTPCall: Sendable {
    /// The service called, named in every error.
    public var service: Service
    /// The operation, e.g. `buy-with-prime.order` or `buy-with-prime.token`, named in errors and logs.
    public var operation: String
    /// The request head: method, scheme, authority, path with query, header fields.
    public var request: HTTPRequest
    /// The request body, if any.
    public var body: Data?
    /// How long one attempt may take, from the call context's `requestTimeout`.
    public var timeout: Duration
    /// Whether sending the call twice does no more than sending it once (reads, token requests,
    /// PATCH by id). A call that is not (a create) is retried only after a 429, when the service
    /// says it did nothing.
    public var isIdempotent: Bool
    /// The attempt this is, from 1; the retry middleware sets it.
    public var attempt: Int = 1
    /// The bearer token source of a call that needs one; nil for token requests.
    public var authentication: BearerAuthentication?
    /// Reads a successful answer that still means "try again" (a GraphQL `ThrottlingError` in a 200).
    public var retryableAnswer: (@Sendable (HTTPAnswer) -> RetryReason?)?

    /// A call of `operation` to `service`.
    public init(
        service: Service, operation: String, request: HTTPRequest, body: Data? = nil, timeout: Duration,
        isIdempotent: Bool, authentication: BearerAuthentication? = nil,
        retryableAnswer: (@Sendable (HTTPAnswer) -> RetryReason?)? = nil
    ) {
        self.service = service
        self.operation = operation
        self.request = request
        self.body = body
        self.timeout = timeout
        self.isIdempotent = isIdempotent
        self.authentication = authentication
        self.retryableAnswer = retryableAnswer
    }

    /// The host (without the port) the call goes to.
    public var host: String {
        let authority = request.authority ?? ""
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<end])
        }
        return String(authority.split(separator: ":", maxSplits: 1).first ?? "")
    }

    /// The path with the names of its query parameters but none of their values, for logs.
    public var loggedPath: String {
        let path = request.path ?? "/"
        guard let question = path.firstIndex(of: "?") else { return path }
        let names = path[path.index(after: question)...].split(separator: "&").map {
            $0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        }
        return String(path[..<question]) + "?" + names.joined(separator: "&")
    }

    /// `METHOD host path`, e.g. `POST api.buywithprime.amazon.com /graphql`.
    public var summary: String {
        "\(request.method.rawValue) \(host) \(loggedPath)"
    }
}

extension HTTPCall: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The operation and `METHOD host path`; never a header, query value or body.
    public var description: String { "\(operation): \(summary)" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// The same facts as ``description``, so `dump` never reaches a header or the body.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "operation": operation, "method": request.method.rawValue, "host": host, "path": loggedPath,
                "attempt": attempt,
            ], displayStyle: .struct)
    }
}
