import Foundation
import Testing
import Transport

@Suite("TransportError")
struct TransportErrorTests {
    @Test func rejectionDescription() {
        let error = TransportError.rejected(
            service: .buyWithPrime, code: "AccessDeniedError", message: "No access to target ID 'X'.")
        #expect(
            error.description
                == "Buy with Prime refused the call (AccessDeniedError: No access to target ID 'X'.)")
        #expect(error.localizedDescription == error.description)
        #expect(error.service == .buyWithPrime)
    }

    @Test func unavailableDescription() {
        let error = TransportError.unavailable(service: .salesforce, reason: "HTTP 503")
        #expect(error.description == "Salesforce is unavailable (HTTP 503)")
        #expect(error.service == .salesforce)
    }

    @Test func descriptionIsOneLine() {
        let error = TransportError.rejected(
            service: .salesforce, code: "invalid\nclient", message: "line one\r\nline two\tend")
        #expect(!error.description.contains("\n"))
        #expect(!error.description.contains("\r"))
        #expect(error.description == "Salesforce refused the call (invalid client: line one line two end)")
    }

    @Test func oauthErrorWireShape() throws {
        let json = #"{"error": "invalid_client", "error_description": "invalid client credentials"}"#
        let decoded = try JSONDecoder().decode(OAuthError.self, from: Data(json.utf8))
        #expect(decoded == OAuthError(error: "invalid_client", errorDescription: "invalid client credentials"))
        #expect(
            decoded.transportError(for: .salesforce)
                == .rejected(service: .salesforce, code: "invalid_client", message: "invalid client credentials"))
        let keys = try jsonKeys(JSONEncoder().encode(decoded))
        #expect(keys == ["error", "error_description"])
    }

    @Test func oauthServerErrorsAreUnavailable() {
        let error = OAuthError(error: "rate_limit_exceeded", errorDescription: "too many requests")
        #expect(
            error.transportError(for: .salesforce)
                == .unavailable(service: .salesforce, reason: "rate_limit_exceeded: too many requests"))
    }

    @Test func graphQLErrorWireShape() throws {
        let json =
            #"{"message": "Nope", "path": ["order", 0], "extensions": {"errorType": "ValidationError", "errorCode": "InvalidAddress"}}"#
        let decoded = try JSONDecoder().decode(BuyWithPrimeGraphQLError.self, from: Data(json.utf8))
        #expect(decoded.errorType == "ValidationError")
        #expect(
            decoded.transportError
                == .rejected(service: .buyWithPrime, code: "ValidationError.InvalidAddress", message: "Nope"))
    }

    @Test(arguments: ["InternalServerError", "ThrottlingError"])
    func graphQLServerErrorsAreUnavailable(type: String) {
        let error = BuyWithPrimeGraphQLError(message: "later", extensions: .init(errorType: type))
        #expect(error.transportError == .unavailable(service: .buyWithPrime, reason: "\(type): later"))
    }

    private func jsonKeys(_ data: Data) throws -> Set<String> {
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return Set(object.keys)
    }

    @Test(
        "not found, throttled, unreadable and unsupported are one line each; only the transient ones invite a retry",
        arguments: [
            (
                TransportError.notFound(service: .buyWithPrime, what: "order 322-ABC1-AAAAAA"),
                "Buy with Prime has no order 322-ABC1-AAAAAA", false
            ),
            (
                .throttled(service: .buyWithPrime, retryAfter: 2),
                "Buy with Prime throttled the call (retry after 2.0 s)", true
            ),
            (.throttled(service: .salesforce, retryAfter: nil), "Salesforce throttled the call", true),
            (
                .malformedAnswer(service: .salesforce, reason: "cut\nshort"),
                "Salesforce answered with something unreadable (cut short)", true
            ),
            (
                .unsupported(service: .salesforce, operation: "salesforce.set-orders-channel"),
                "the transport does not support salesforce.set-orders-channel (Salesforce)", false
            ),
        ])
    func newCases(error: TransportError, line: String, transient: Bool) {
        #expect(error.description == line)
        #expect(error.isTransient == transient)
    }
}
