/// A failure the sandbox server plays instead of (or before) its real answer, to test a client's
/// retries and its handling of broken answers.
public enum Fault: Sendable, Equatable {
    /// 401 in the route's shape (`invalid_client`, `Unauthorized`, `INVALID_SESSION_ID`).
    case unauthorized
    /// 429 with `Retry-After: seconds` and the route's throttling error.
    case throttled(retryAfter: Int)
    /// 500 with the route's server error.
    case serverError
    /// The real answer, `milliseconds` late.
    case delay(milliseconds: Int)
    /// The call handled at once (a write applied), its answer sent `milliseconds` late: a client
    /// that dies waiting has changed the org without knowing it.
    case late(milliseconds: Int)
    /// A 200 whose body is not JSON.
    case malformed
    /// A `Content-Length` larger than the bytes sent, then the connection closes.
    case cut
    /// A `Content-Length` larger than the bytes sent, then nothing until the server stops or
    /// ``Fault/stallLimit`` passes: a client without a deadline on the body waits that long.
    case stall
    /// The connection closes without any answer.
    case drop
    /// A 200 with a valid-looking JSON body of several MiB.
    case oversized

    /// The name used in `POST /_sandbox/faults` and in the request log: `401`, `429`, `500`, `delay`,
    /// `late`, `malformed`, `cut`, `stall`, `drop`, `oversized`.
    public var name: String {
        switch self {
        case .unauthorized: "401"
        case .throttled: "429"
        case .serverError: "500"
        case .delay: "delay"
        case .late: "late"
        case .malformed: "malformed"
        case .cut: "cut"
        case .stall: "stall"
        case .drop: "drop"
        case .oversized: "oversized"
        }
    }

    /// The fault named `name`, with its `Retry-After` (default 1 s) or delay (default 1000 ms); nil
    /// for an unknown name.
    public init?(name: String, retryAfter: Int? = nil, delayMs: Int? = nil) {
        switch name {
        case "401": self = .unauthorized
        case "429": self = .throttled(retryAfter: retryAfter ?? 1)
        case "500": self = .serverError
        case "delay": self = .delay(milliseconds: delayMs ?? 1000)
        case "late": self = .late(milliseconds: delayMs ?? 1000)
        case "malformed": self = .malformed
        case "cut": self = .cut
        case "stall": self = .stall
        case "drop": self = .drop
        case "oversized": self = .oversized
        default: return nil
        }
    }
}
