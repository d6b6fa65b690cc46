import Transport

/// A Buy with Prime access token and the seconds it lasts from issue (`expires_in`).
public struct BuyWithPrimeToken: Sendable, CustomStringConvertible {
    /// The bearer token.
    public var accessToken: Secret
    /// Its lifetime from issue, in seconds.
    public var expiresIn: Int

    /// A token.
    public init(accessToken: Secret, expiresIn: Int) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
    }

    /// The lifetime only.
    public var description: String { "token (\(expiresIn) s, redacted)" }
}
