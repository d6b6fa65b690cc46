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
                == "Buy with Prime rejected the credentials (AccessDeniedError: No access to target ID 'X'.)")
        #expect(error.localizedDescription == error.description)
        #expect(error.service == .buyWithPrime)
    }

    @Test func unavailableDescription() {
        let error = TransportError.unavailable(service: .salesforce, reason: "HTTP 503")
        #expect(error.description == "Salesforce is unavailable (HTTP 503); try again later")
        #expect(error.service == .salesforce)
    }

    @Test func descriptionIsOneLine() {
        let error = TransportError.rejected(
            service: .salesforce, code: "invalid\nclient", message: "line one\r\nline two\tend")
        #expect(!error.description.contains("\n"))
        #expect(!error.description.contains("\r"))
        #expect(error.description == "Salesforce rejected the credentials (invalid client: line one line two end)")
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
}
