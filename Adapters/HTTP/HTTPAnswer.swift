import Foundation
import HTTPTypes

/// A complete answer: the response head and its body, read up to the size cap.
public struct HTTPAnswer: Sendable {
    /// Status and header fields.
    public var response: HTTPResponse
    /// The whole body.
    public var body: Data
    /// How many attempts the call took to get this answer; the retry middleware sets it.
    public var attempts: Int = 1

    /// An answer.
    public init(response: HTTPResponse, body: Data = Data()) {
        self.response = response
        self.body = body
    }

    /// The status code.
    public var status: Int { response.status.code }

    /// The `Retry-After` header as a wait, if it has a valid one.
    public func retryAfter(now: Date = Date()) -> Duration? {
        response.headerFields[.retryAfter].flatMap { RetryAfter.parse($0, now: now) }
    }
}

extension HTTPAnswer: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The status and body size; never a header or the body (a token answer holds a token).
    public var description: String { "HTTP \(status), \(body.count) bytes" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// The same facts as ``description``.
    public var customMirror: Mirror {
        Mirror(self, children: ["status": status, "bytes": body.count, "attempts": attempts], displayStyle: .struct)
    }
}
