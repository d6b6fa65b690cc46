import Foundation
import LiveHTTP
import Logging
import Transport

/// Buy with Prime over HTTP: `POST {endpoint}/token` for tokens, `POST {endpoint}/graphql` for
/// everything else, as Docs/transports.md specifies.
///
/// Tokens are cached per credentials until a minute before they end, one refresh at a time.
public struct BuyWithPrimeHTTPTransport: BuyWithPrimeTransport {
    /// The API's base URL unless the channel records another.
    public static let defaultEndpoint = "https://api.buywithprime.amazon.com"

    /// The calls' pipeline (retries, bearer tokens, logs, the HTTP client).
    public let pipeline: HTTPPipeline
    /// The tokens, per credentials.
    public let tokens: TokenCache<BuyWithPrimeToken>

    /// A transport sending through `pipeline`, caching tokens in `tokens`.
    public init(pipeline: HTTPPipeline, tokens: TokenCache<BuyWithPrimeToken> = TokenCache()) {
        self.pipeline = pipeline
        self.tokens = tokens
    }

    /// A fresh token for the account, then `query { __typename }` with its target ID, so a target
    /// the client may not use is refused here (`AccessDeniedError`).
    public func authorize(_ account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeAuthorization {
        let endpoint = try Self.endpoint(of: account)
        let key = tokenKey(account, at: endpoint)
        let token = try await tokens.refresh(key) { try await issueToken(account, at: endpoint) }
        let call = graphQLCall(
            try? Self.body(of: GraphQLRequest(query: "query { __typename }")),
            operation: TransportOperation.authorizeAccount.rawValue,
            account: account, at: endpoint, token: { token.accessToken })
        _ = try await graphQL(call, decoding: TypenameData.self)
        return BuyWithPrimeAuthorization(
            accessToken: token.accessToken, expiresIn: token.expiresIn, targetID: account.targetID)
    }

    /// The order by id or alias (the GraphQL `order` query); `notFound` for `ResourceNotFoundError`
    /// or a null order.
    public func order(_ lookup: OrderLookup, as account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeOrder {
        let endpoint = try Self.endpoint(of: account)
        let key = tokenKey(account, at: endpoint)
        let call = graphQLCall(
            OrderQuery.body(lookup), operation: TransportOperation.fetchOrder.rawValue, account: account,
            at: endpoint,
            token: { try await tokens.token(for: key) { try await issueToken(account, at: endpoint) }.accessToken })
        let data = try await graphQL(
            call, decoding: OrderQuery.ResponseData.self, notFound: OrderQuery.describe(lookup))
        guard let order = data.order else {
            throw TransportError.notFound(service: .buyWithPrime, what: OrderQuery.describe(lookup))
        }
        return order.order
    }

    static func endpoint(of account: BuyWithPrimeCredentials) throws(TransportError) -> ServiceEndpoint {
        try ServiceEndpoint.checked(account.endpoint ?? defaultEndpoint, service: .buyWithPrime)
    }

    func tokenKey(_ account: BuyWithPrimeCredentials, at endpoint: ServiceEndpoint) -> TokenCacheKey {
        TokenCacheKey(endpoint: endpoint.description, clientID: account.clientID, secret: account.clientSecret)
    }
}
