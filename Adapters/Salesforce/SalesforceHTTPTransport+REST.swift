import Foundation
import HTTPTypes
import LiveHTTP
import Transport

extension SalesforceHTTPTransport {
    /// One REST call: `{instance_url}/services/data/v{apiVersion}{path}` with the cached token,
    /// renewed once on 401 `INVALID_SESSION_ID`. Returns the answer and the call, for errors.
    func rest(
        _ method: HTTPRequest.Method, _ path: String, query: [(String, String)] = [], body: Data? = nil,
        in org: SalesforceOrg, operation: TransportOperation, isIdempotent: Bool = true
    ) async throws -> (HTTPAnswer, HTTPCall) {
        let myDomain = try ServiceEndpoint.checked(org.myDomain, service: .salesforce)
        let key = tokenKey(org, at: myDomain)
        let tokens = tokens
        let fetch: @Sendable () async throws -> TokenCache<SalesforceAuthorization>.Issued = {
            try await issueToken(org, at: myDomain)
        }
        // The instance URL of a My Domain does not change between tokens: the first one's is used.
        let authorization = try await tokens.token(for: key, fetch: fetch)
        let instance = try ServiceEndpoint.checked(authorization.instanceURL, service: .salesforce)
        var fields: HTTPFields = [.accept: "application/json"]
        if body != nil { fields[.contentType] = "application/json" }
        let call = HTTPCall(
            service: .salesforce, operation: operation.rawValue,
            request: instance.request(
                method, "/services/data/v\(org.apiVersion)\(path)", query: query, headerFields: fields),
            body: body, timeout: org.requestTimeout, isIdempotent: isIdempotent,
            authentication: BearerAuthentication(
                token: { try await tokens.token(for: key, fetch: fetch).accessToken },
                isExpiredSession: Self.isExpiredSession,
                renew: { refused in
                    try await tokens.renew(key, after: { $0.accessToken == refused }, fetch: fetch).accessToken
                }))
        return (try await pipeline.send(call), call)
    }

    /// Whether `answer` is 401 `INVALID_SESSION_ID`: the token expired or was revoked.
    @Sendable static func isExpiredSession(_ answer: HTTPAnswer) -> Bool {
        answer.status == 401
            && (answer.decodeIfPossible([SalesforceErrorEntry].self) ?? []).contains {
                $0.errorCode == "INVALID_SESSION_ID"
            }
    }

    /// The port's error for a failed REST answer: 429 and 5xx as every API, 404 `notFound` naming
    /// `notFound` when given, else the first entry of the error array as a rejection.
    static func failure(_ answer: HTTPAnswer, of call: HTTPCall, notFound: String? = nil) -> TransportError {
        if let failure = answer.sharedFailure(of: call) { return failure }
        if answer.status == 404, let notFound { return .notFound(service: .salesforce, what: notFound) }
        if let entry = answer.decodeIfPossible([SalesforceErrorEntry].self)?.first {
            return answer.rejection(
                of: call, code: entry.errorCode ?? "HTTP \(answer.status)", message: entry.message ?? "no message")
        }
        return answer.rejection(of: call, code: "HTTP \(answer.status)", message: "Salesforce refused the call")
    }

    /// `value` as JSON.
    static func json(_ value: some Encodable) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try? encoder.encode(value)
    }
}
