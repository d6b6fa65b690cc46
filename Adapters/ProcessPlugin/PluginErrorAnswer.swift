import Transport

/// An error a plugin reported for one request (the protocol's `error` object).
struct PluginErrorAnswer: Error, Sendable, Decodable {
    /// `rejected`, `unavailable`, `notFound`, `throttled`, `malformedAnswer` or `unsupported`.
    var kind: String
    /// The service's error code, for `rejected`.
    var code: String?
    /// What went wrong, in the plugin's words.
    var message: String?
    /// Seconds to wait, for `throttled`.
    var retryAfter: Double?

    /// The transport error it stands for; a kind this build does not know is the plugin's failure.
    func transportError(_ service: Service, plugin: String, operation: String) -> TransportError {
        let message = message ?? kind
        switch kind {
        case "rejected": return .rejected(service: service, code: code ?? "rejected", message: message)
        case "unavailable": return .unavailable(service: service, reason: message)
        case "notFound": return .notFound(service: service, what: message)
        case "throttled": return .throttled(service: service, retryAfter: retryAfter)
        case "malformedAnswer": return .malformedAnswer(service: service, reason: message)
        case "unsupported": return .unsupported(service: service, operation: operation)
        default:
            return .unavailable(service: service, reason: "plugin \(plugin) answered an error of unknown kind \(kind)")
        }
    }
}
