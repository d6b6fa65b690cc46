/// What a transport answered when asked to authorize a set of credentials.
public enum AuthorizationOutcome: Sendable, Equatable {
    /// The credentials were accepted.
    case authorized
    /// The credentials were refused, with the service's error code and message.
    case rejected(code: String, message: String)
}
