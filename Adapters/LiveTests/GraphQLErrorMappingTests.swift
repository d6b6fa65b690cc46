import Foundation
import HTTPTypes
import LiveHTTP
import Testing
import Transport

@testable import BuyWithPrimeLive

@Suite("Buy with Prime: GraphQL errors in a 200")
struct GraphQLErrorMappingTests {
    func answer(_ errorType: String, code: String? = nil, retryAfter: String? = nil) -> HTTPAnswer {
        let codeMember = code.map { #", "errorCode": "\#($0)""# } ?? ""
        let body =
            #"{"data": null, "errors": [{"message": "m", "extensions": {"errorType": "\#(errorType)"\#(codeMember)}}]}"#
        var fields = HTTPFields()
        if let retryAfter { fields[.retryAfter] = retryAfter }
        return HTTPAnswer(response: HTTPResponse(status: .ok, headerFields: fields), body: Data(body.utf8))
    }

    @Test func throttlingAndInternalErrorsAreRetried() {
        #expect(
            BuyWithPrimeHTTPTransport.retryReason(of: answer("ThrottlingError", retryAfter: "2"))
                == .throttled(retryAfter: .seconds(2)))
        #expect(
            BuyWithPrimeHTTPTransport.retryReason(of: answer("InternalServerError")) == .serverError(retryAfter: nil))
        for type in ["AccessDeniedError", "ResourceNotFoundError", "ValidationError"] {
            #expect(BuyWithPrimeHTTPTransport.retryReason(of: answer(type)) == nil)
        }
        let data = HTTPAnswer(response: HTTPResponse(status: .ok), body: Data(#"{"data": {"order": null}}"#.utf8))
        #expect(BuyWithPrimeHTTPTransport.retryReason(of: data) == nil)
    }

    @Test("a ThrottlingError through every retry carries the answer's Retry-After")
    func throttlingCarriesRetryAfter() throws {
        let answer = answer("ThrottlingError", retryAfter: "7")
        let error = try #require(answer.decodeIfPossible(GraphQLErrors.self)?.errors?.first)
        #expect(
            BuyWithPrimeHTTPTransport.transportError(error, answer: answer, call: HTTPCall.test(), notFound: nil)
                == .throttled(service: .buyWithPrime, retryAfter: 7))
    }

    @Test(
        arguments: [
            ("ResourceNotFoundError", nil, TransportError.notFound(service: .buyWithPrime, what: "order 1")),
            ("ThrottlingError", nil, .throttled(service: .buyWithPrime, retryAfter: nil)),
            (
                "InternalServerError", nil,
                .unavailable(service: .buyWithPrime, reason: "buy-with-prime.order: HTTP 200: InternalServerError")
            ),
            (
                "AccessDeniedError", nil,
                .rejected(
                    service: .buyWithPrime, code: "AccessDeniedError", message: "m (buy-with-prime.order: HTTP 200)")
            ),
            (
                "ValidationError", "InvalidAddress",
                .rejected(
                    service: .buyWithPrime, code: "ValidationError.InvalidAddress",
                    message: "m (buy-with-prime.order: HTTP 200)")
            ),
        ] as [(String, String?, TransportError)])
    func eachErrorTypeBecomesItsTransportError(type: String, code: String?, expected: TransportError) throws {
        let answer = answer(type, code: code)
        let error = try #require(answer.decodeIfPossible(GraphQLErrors.self)?.errors?.first)
        let call = HTTPCall.test()
        var named = call
        named.operation = "buy-with-prime.order"
        #expect(
            BuyWithPrimeHTTPTransport.transportError(error, answer: answer, call: named, notFound: "order 1")
                == expected)
    }
}
