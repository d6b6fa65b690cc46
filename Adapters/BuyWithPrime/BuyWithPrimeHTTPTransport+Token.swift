import Foundation
import HTTPTypes
import LiveHTTP
import Transport

extension BuyWithPrimeHTTPTransport {
    /// The token answer: `{"access_token", "token_type", "expires_in"}`.
    struct TokenAnswer: Decodable {
        var accessToken: String
        var expiresIn: Int

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresIn = "expires_in"
        }
    }

    /// The operation name of token requests in logs and errors.
    static let tokenOperation = "buy-with-prime.token"

    /// `POST {endpoint}/token` with the client credentials as a form; `rejected` for an OAuth error.
    func issueToken(_ account: BuyWithPrimeCredentials, at endpoint: ServiceEndpoint) async throws
        -> TokenCache<BuyWithPrimeToken>.Issued
    {
        let call = HTTPCall(
            service: .buyWithPrime, operation: Self.tokenOperation,
            request: endpoint.request(
                .post, "/token",
                headerFields: [.contentType: "application/x-www-form-urlencoded", .accept: "application/json"]),
            body: FormBody.encode([
                ("grant_type", "client_credentials"), ("client_id", account.clientID),
                ("client_secret", account.clientSecret.reveal()),
            ]),
            timeout: account.requestTimeout, isIdempotent: true)
        let answer = try await pipeline.send(call)
        guard answer.status == 200 else {
            throw Self.tokenFailure(answer, of: call)
        }
        let token = try answer.decode(TokenAnswer.self, of: call)
        guard token.expiresIn > 0, !token.accessToken.isEmpty else {
            throw TransportError.malformedAnswer(
                service: .buyWithPrime, reason: "\(answer.facts(of: call)): no usable access_token or expires_in")
        }
        let issued = BuyWithPrimeToken(accessToken: Secret(token.accessToken), expiresIn: token.expiresIn)
        return .init(token: issued, lifetime: .seconds(token.expiresIn))
    }

    static func tokenFailure(_ answer: HTTPAnswer, of call: HTTPCall) -> TransportError {
        if let failure = answer.sharedFailure(of: call) { return failure }
        if let oauth = answer.decodeIfPossible(OAuthError.self) {
            let message = oauth.errorDescription ?? oauth.error
            if oauth.isUnavailable {
                return .unavailable(service: .buyWithPrime, reason: "\(answer.facts(of: call)): \(oauth.error)")
            }
            return answer.rejection(of: call, code: oauth.error, message: message)
        }
        return answer.rejection(of: call, code: "HTTP \(answer.status)", message: "the token endpoint refused the call")
    }
}
