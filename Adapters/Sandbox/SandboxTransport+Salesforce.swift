import Foundation
import Transport

extension SandboxTransport {
    /// Authorizes the demo org's connected app, answering as Salesforce's token endpoint would.
    ///
    /// A wrong consumer key or secret gets Salesforce's `invalid_client` ("invalid client
    /// credentials"). A My Domain other than the demo org's is treated as a reachable org where this
    /// connected app does not exist, so it gets the same `invalid_client` rejection: the sandbox has no
    /// network, so it never models an unreachable host — that is the live adapter's `.unavailable`
    /// (DNS failure, refused connection, timeout). Hosts compare case-insensitively.
    public func authorize(_ connectedApp: SalesforceOrg) async throws -> SalesforceAuthorization {
        let (consumerKey, consumerSecret, myDomain) = (
            connectedApp.consumerKey, connectedApp.consumerSecret, connectedApp.myDomain
        )
        try checkAvailable(.salesforce)
        let org = Self.accounts.salesforce
        let secretMatches = consumerSecret == Secret(org.consumerSecret)
        let keyMatches = consumerKey == org.consumerKey
        let domainMatches = myDomain.lowercased() == org.myDomain.lowercased()
        guard secretMatches && keyMatches && domainMatches else {
            throw OAuthError(error: "invalid_client", errorDescription: "invalid client credentials")
                .transportError(for: .salesforce)
        }
        let issuedAt = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return SalesforceAuthorization(
            accessToken: SandboxToken.issue(), instanceURL: org.myDomain, issuedAt: String(issuedAt))
    }
}
