import Foundation

/// The tokens the server issued: Buy with Prime tokens with their client and expiry, Salesforce
/// tokens (no expiry, as Salesforce's own). Tokens are random, never derived from a secret.
struct TokenBook: Sendable {
    /// A Buy with Prime token's owner and end.
    struct BuyWithPrimeGrant: Sendable {
        var clientId: String
        var expires: Date
    }

    private var buyWithPrime: [String: BuyWithPrimeGrant] = [:]
    private var salesforce: [String: String] = [:]

    /// Issues a Buy with Prime token for `clientId`, valid until `expires`.
    mutating func issueBuyWithPrime(clientId: String, expires: Date) -> String {
        dropExpired(now: Date())
        let token = Self.randomToken(prefix: "sandbox-bwp-")
        buyWithPrime[token] = BuyWithPrimeGrant(clientId: clientId, expires: expires)
        return token
    }

    /// The client owning a Buy with Prime token still valid at `now`, or nil (unknown or expired).
    func buyWithPrimeClient(token: String, now: Date) -> String? {
        guard let grant = buyWithPrime[token], grant.expires > now else { return nil }
        return grant.clientId
    }

    /// Issues a Salesforce token for the connected app `consumerKey`.
    mutating func issueSalesforce(consumerKey: String) -> String {
        let token = Self.randomToken(prefix: "00DSB0000000001!")
        salesforce[token] = consumerKey
        return token
    }

    /// The connected app owning a Salesforce token, or nil.
    func salesforceClient(token: String) -> String? {
        salesforce[token]
    }

    private mutating func dropExpired(now: Date) {
        buyWithPrime = buyWithPrime.filter { $0.value.expires > now }
    }

    /// `prefix` and 32 random bytes in hex.
    static func randomToken(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix
            + (0..<4).map { _ in
                let digits = String(generator.next() as UInt64, radix: 16)
                return String(repeating: "0", count: 16 - digits.count) + digits
            }.joined()
    }
}
