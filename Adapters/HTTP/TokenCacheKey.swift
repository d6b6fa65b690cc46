import Crypto
import Foundation
import Transport

/// Which credentials a cached token belongs to: the endpoint, the client ID and a keyed hash of
/// the secret (HMAC-SHA256 under a random key of this process), never the secret itself.
///
/// A changed secret is another key, so a token issued for the old one is never reused for it.
public struct TokenCacheKey: Hashable, Sendable, CustomStringConvertible {
    /// The token endpoint's base URL.
    public let endpoint: String
    /// The client ID (consumer key).
    public let clientID: String
    /// The secret's keyed hash.
    let secretHash: Data

    /// The key of `clientID` with `secret` at `endpoint`.
    public init(endpoint: String, clientID: String, secret: Secret) {
        self.endpoint = endpoint
        self.clientID = clientID
        let code = HMAC<SHA256>.authenticationCode(for: Data(secret.reveal().utf8), using: Self.processKey)
        self.secretHash = Data(code)
    }

    /// The endpoint and client ID; not the hash.
    public var description: String { "\(clientID) at \(endpoint)" }

    /// Random per process, so the hash is no fingerprint of the secret outside it.
    /// Made once (a key per hash cost as much as the hash): `SymmetricKey` is not declared
    /// `Sendable`, but its bytes are never changed after it is made, and this one is only read.
    nonisolated(unsafe) private static let processKey = SymmetricKey(size: .bits256)
}
