import SandboxServer

/// A fault the fault table injects: one the sandbox server plays on the faulted route, a server that
/// is no longer listening, or the misbehaving plugin exiting or hanging.
enum InjectedFault: String, Sendable, CaseIterable {
    /// 401 in the route's shape.
    case unauthorized = "401"
    /// 429 with `Retry-After: 1`.
    case throttled = "429"
    /// 500 in the route's shape.
    case serverError = "500"
    /// The real answer, later than the call's request timeout.
    case timeout = "delay"
    /// A 200 whose body is not JSON.
    case malformed
    /// A 200 whose body stops a quarter of the way through its `Content-Length`.
    case cut
    /// The connection closes without an answer.
    case drop
    /// A 200 of 6 MiB, over the 1 MiB cap of both transports.
    case oversized
    /// The server stopped listening between the call's set-up and the call.
    case refused
    /// The misbehaving plugin writes half an answer and exits (`MISBEHAVE=crash`).
    case pluginExits = "plugin-exits"
    /// The misbehaving plugin never answers (`MISBEHAVE=hang`).
    case pluginHangs = "plugin-hangs"

    /// The request timeout of a call meeting a late answer: short, so that the table stays fast,
    /// yet long enough for the calls before the faulted one (a query before a composite), whose
    /// whole answers, bodies included, must come within it, on a machine loaded by the full suite.
    static let shortTimeout = Duration.seconds(1)
    /// How late a delayed answer is: well past ``shortTimeout`` however loaded the machine.
    static let delay = 3000

    /// The fault the sandbox server plays, or nil for those it does not play.
    var serverFault: Fault? {
        switch self {
        case .unauthorized: .unauthorized
        case .throttled: .throttled(retryAfter: 1)
        case .serverError: .serverError
        case .timeout: .delay(milliseconds: Self.delay)
        case .malformed: .malformed
        case .cut: .cut
        case .drop: .drop
        case .oversized: .oversized
        case .refused, .pluginExits, .pluginHangs: nil
        }
    }

    /// The misbehaving plugin's `MISBEHAVE` mode that plays this fault, or nil.
    var misbehaviour: String? {
        switch self {
        case .pluginExits: "crash"
        case .pluginHangs: "hang"
        default: nil
        }
    }

    /// The request timeout of the faulted call: short where the call is to outlast it (a late answer,
    /// a plugin that hangs), else long enough that no other row times out on a loaded machine.
    var requestTimeout: Duration {
        self == .timeout || self == .pluginHangs ? Self.shortTimeout : .seconds(20)
    }
}
