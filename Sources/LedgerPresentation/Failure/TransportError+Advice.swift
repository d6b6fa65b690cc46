import Transport

extension TransportError: Advised {
    /// The service's answer; every transport error leaves the log as it was, and says so.
    public var advice: String {
        switch self {
        case .unavailable(_, let reason) where reason.hasPrefix("plugin "):
            // A plugin's failure is its own, not the service's: waiting does not mend it.
            description
                + "; nothing was recorded; check the plugin with `\(Fix.transportsList)` and read its log with `--log-level debug`"
        case .unavailable, .throttled, .malformedAnswer:
            description + "; try again later (nothing was recorded)"
        case .rejected, .notFound:
            description + "; nothing was recorded"
        case .unsupported:
            description + "; use a transport that supports it (nothing was recorded)"
        }
    }
}
