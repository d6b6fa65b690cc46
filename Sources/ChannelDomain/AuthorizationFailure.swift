/// Why the last authorization attempt failed.
public struct AuthorizationFailure: Codable, Sendable, Equatable {
    /// The service's error code, for example `invalid_client`.
    public var code: String
    /// The service's error message.
    public var message: String

    /// Creates a failure from a code and a message.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
