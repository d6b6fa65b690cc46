import Foundation
import HTTPTypes
import LiveHTTP
import Transport

extension BuyWithPrimeHTTPTransport {
    /// A GraphQL call: `POST {endpoint}/graphql` with the bearer token, `x-api-target-id` and
    /// `x-api-version`; a 200 carrying a `ThrottlingError` or `InternalServerError` is retried.
    func graphQLCall(
        _ body: Data?, operation: String, account: BuyWithPrimeCredentials, at endpoint: ServiceEndpoint,
        token: @escaping @Sendable () async throws -> Secret
    ) -> HTTPCall {
        var fields: HTTPFields = [.contentType: "application/json", .accept: "application/json"]
        fields[Self.targetIDField] = account.targetID
        fields[Self.apiVersionField] = account.apiVersion
        return HTTPCall(
            service: .buyWithPrime, operation: operation,
            request: endpoint.request(.post, "/graphql", headerFields: fields),
            body: body, timeout: account.requestTimeout, isIdempotent: true,
            authentication: BearerAuthentication(token: token),
            retryableAnswer: { Self.retryReason(of: $0) })
    }

    /// A request's JSON, keys sorted.
    static func body(of request: GraphQLRequest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(request)
    }

    /// `x-api-target-id`.
    static let targetIDField = HTTPField.Name("x-api-target-id")!
    /// `x-api-version`.
    static let apiVersionField = HTTPField.Name("x-api-version")!

    /// Sends `call` and returns its `data`: an `errors` entry becomes the port's error (`notFound`
    /// naming `notFound` for `ResourceNotFoundError`), a status other than 200 its failure.
    ///
    /// A well-formed answer is parsed once: as the response, whose `errors` are looked at first;
    /// only an answer of another shape is read again, for its errors alone.
    func graphQL<Data: Decodable>(_ call: HTTPCall, decoding: Data.Type, notFound: String? = nil) async throws -> Data {
        let answer = try await pipeline.send(call)
        if let failure = answer.sharedFailure(of: call) { throw failure }
        let response = answer.decodeIfPossible(GraphQLResponse<Data>.self)
        // A response that read has its errors in hand; only one that did not is read for them alone.
        let errors = response.map(\.errors) ?? answer.decodeIfPossible(GraphQLErrors.self)?.errors
        if let error = errors?.first {
            throw Self.transportError(error, answer: answer, call: call, notFound: notFound)
        }
        guard answer.status == 200 else {
            throw answer.rejection(of: call, code: "HTTP \(answer.status)", message: "the GraphQL API refused the call")
        }
        guard let response else {
            _ = try answer.decode(GraphQLResponse<Data>.self, of: call)  // throws what is wrong with it
            throw TransportError.malformedAnswer(service: .buyWithPrime, reason: "\(answer.facts(of: call))")
        }
        guard let data = response.data else {
            throw TransportError.malformedAnswer(service: .buyWithPrime, reason: "\(answer.facts(of: call)): no data")
        }
        return data
    }

    /// The port's error for a GraphQL error: `ResourceNotFoundError` is not found, `ThrottlingError`
    /// throttled and `InternalServerError` unavailable (their retries spent), any other a rejection.
    static func transportError(
        _ error: BuyWithPrimeGraphQLError, answer: HTTPAnswer, call: HTTPCall, notFound: String?
    ) -> TransportError {
        switch error.errorType {
        case "ResourceNotFoundError" where notFound != nil:
            return .notFound(service: .buyWithPrime, what: notFound ?? "")
        case "ThrottlingError":
            return .throttled(service: .buyWithPrime, retryAfter: answer.retryAfter().map(RetryPolicy.seconds))
        case "InternalServerError":
            return .unavailable(service: .buyWithPrime, reason: "\(answer.facts(of: call)): InternalServerError")
        default:
            let code = error.extensions?.errorCode.map { "\(error.errorType).\($0)" } ?? error.errorType
            return answer.rejection(of: call, code: code, message: error.message)
        }
    }

    /// Why a 200 is worth another attempt: its first error is a `ThrottlingError` or an `InternalServerError`.
    static func retryReason(of answer: HTTPAnswer) -> RetryReason? {
        // Most answers have no `errors` member: those are not parsed here at all.
        guard answer.bodyContains("\"errors\""),
            let error = answer.decodeIfPossible(GraphQLErrors.self)?.errors?.first
        else { return nil }
        switch error.errorType {
        case "ThrottlingError": return .throttled(retryAfter: answer.retryAfter())
        case "InternalServerError": return .serverError(retryAfter: answer.retryAfter())
        default: return nil
        }
    }
}
