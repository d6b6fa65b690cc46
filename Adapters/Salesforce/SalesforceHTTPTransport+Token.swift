import Foundation
import HTTPTypes
import LiveHTTP
import Transport

extension SalesforceHTTPTransport {
    /// The token answer: `{"access_token", "instance_url", "id", "token_type", "issued_at"}`.
    struct TokenAnswer: Decodable {
        var accessToken: String
        var instanceURL: String
        var issuedAt: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case instanceURL = "instance_url"
            case issuedAt = "issued_at"
        }
    }

    /// The operation name of token requests in logs and errors.
    static let tokenOperation = "salesforce.token"

    /// `POST {myDomain}/services/oauth2/token` with the connected app's credentials as a form.
    func issueToken(_ org: SalesforceOrg, at myDomain: ServiceEndpoint) async throws
        -> TokenCache<SalesforceAuthorization>.Issued
    {
        let call = HTTPCall(
            service: .salesforce, operation: Self.tokenOperation,
            request: myDomain.request(
                .post, "/services/oauth2/token",
                headerFields: [.contentType: "application/x-www-form-urlencoded", .accept: "application/json"]),
            body: FormBody.encode([
                ("grant_type", "client_credentials"), ("client_id", org.consumerKey),
                ("client_secret", org.consumerSecret.reveal()),
            ]),
            timeout: org.requestTimeout, isIdempotent: true)
        let answer = try await pipeline.send(call)
        guard answer.status == 200 else {
            throw Self.tokenFailure(answer, of: call)
        }
        let token = try answer.decode(TokenAnswer.self, of: call)
        guard !token.accessToken.isEmpty else {
            throw TransportError.malformedAnswer(
                service: .salesforce, reason: "\(answer.facts(of: call)): an empty access_token")
        }
        // The REST calls go there: it is held to the same rule as the My Domain.
        let instance = try ServiceEndpoint.checked(token.instanceURL, service: .salesforce)
        let authorization = SalesforceAuthorization(
            accessToken: Secret(token.accessToken), instanceURL: instance.description, issuedAt: token.issuedAt ?? "")
        return .init(token: authorization, lifetime: nil)
    }

    static func tokenFailure(_ answer: HTTPAnswer, of call: HTTPCall) -> TransportError {
        if let failure = answer.sharedFailure(of: call) { return failure }
        if let oauth = answer.decodeIfPossible(OAuthError.self) {
            if oauth.isUnavailable {
                return .unavailable(service: .salesforce, reason: "\(answer.facts(of: call)): \(oauth.error)")
            }
            return answer.rejection(of: call, code: oauth.error, message: oauth.errorDescription ?? oauth.error)
        }
        return answer.rejection(of: call, code: "HTTP \(answer.status)", message: "the token endpoint refused the call")
    }
}
