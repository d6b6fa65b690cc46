import Foundation
import LiveHTTP
import Transport

/// Salesforce over HTTP: client credentials against the org's My Domain, then the REST API at
/// the token's `instance_url`, as Docs/transports.md specifies.
///
/// Tokens (which carry no expiry) are cached per connected app and reused until a call gets 401
/// `INVALID_SESSION_ID`; that call authenticates once more, one re-authentication at a time, and
/// is repeated once.
public struct SalesforceHTTPTransport: SalesforceTransport {
    /// The calls' pipeline (retries, bearer tokens, limit logs, request logs, the HTTP client).
    public let pipeline: HTTPPipeline
    /// The tokens, per connected app and My Domain.
    public let tokens: TokenCache<SalesforceAuthorization>

    /// A transport sending through `pipeline`, caching tokens in `tokens`.
    public init(pipeline: HTTPPipeline, tokens: TokenCache<SalesforceAuthorization> = TokenCache()) {
        self.pipeline = pipeline
        self.tokens = tokens
    }

    /// A fresh token from `POST {myDomain}/services/oauth2/token`, kept for the next calls.
    public func authorize(_ org: SalesforceOrg) async throws -> SalesforceAuthorization {
        let myDomain = try ServiceEndpoint.checked(org.myDomain, service: .salesforce)
        return try await tokens.refresh(tokenKey(org, at: myDomain)) { try await issueToken(org, at: myDomain) }
    }

    func tokenKey(_ org: SalesforceOrg, at myDomain: ServiceEndpoint) -> TokenCacheKey {
        TokenCacheKey(endpoint: myDomain.description, clientID: org.consumerKey, secret: org.consumerSecret)
    }
}
