/// A secret encrypted by the application's vault: only its ciphertext and fingerprint are ever recorded.
public struct SealedSecret: Codable, Sendable, Hashable {
    /// The encrypted secret, base64.
    public var ciphertext: String
    /// A short fingerprint of the plain secret (16 hex digits) that tells secrets apart without revealing them.
    public var fingerprint: String

    /// Wraps an already sealed secret.
    public init(ciphertext: String, fingerprint: String) {
        self.ciphertext = ciphertext
        self.fingerprint = fingerprint
    }
}

extension SealedSecret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Shows the fingerprint only, never the ciphertext.
    public var description: String { "SealedSecret(fingerprint: \(fingerprint))" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// The fingerprint only, for `dump`.
    public var customMirror: Mirror {
        Mirror(self, children: ["fingerprint": fingerprint], displayStyle: .struct)
    }
}
