import Foundation
import SandboxTransport
import Testing
import Transport

@Suite("Sandbox Salesforce")
struct SandboxSalesforceTests {
    let sandbox = SandboxTransport()
    let org = SandboxTransport.accounts.salesforce

    @Test func demoOrgAuthorizes() async throws {
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let authorization = try await sandbox.authorize(
            consumerKey: org.consumerKey, consumerSecret: Secret(org.consumerSecret), myDomain: org.myDomain)
        let token = authorization.accessToken.reveal()
        #expect(token.hasPrefix("sandbox-token-"))
        #expect(!token.contains(org.consumerSecret))
        #expect(authorization.instanceURL == org.myDomain)
        let issuedAt = try #require(Int64(authorization.issuedAt))
        #expect(issuedAt >= before)
    }

    @Test func myDomainHostIsCaseInsensitive() async throws {
        let authorization = try await sandbox.authorize(
            consumerKey: org.consumerKey, consumerSecret: Secret(org.consumerSecret),
            myDomain: org.myDomain.uppercased())
        #expect(authorization.instanceURL == org.myDomain)
    }

    @Test func wrongConsumerSecretIsRejected() async throws {
        let wrong = "not-" + org.consumerSecret
        let error = await rejection {
            try await sandbox.authorize(
                consumerKey: org.consumerKey, consumerSecret: Secret(wrong), myDomain: org.myDomain)
        }
        #expect(error == .rejected(service: .salesforce, code: "invalid_client", message: "invalid client credentials"))
        #expect(error.map { !$0.description.contains(wrong) && !$0.description.contains(org.consumerSecret) } == true)
    }

    @Test func wrongConsumerKeyIsRejected() async throws {
        let error = await rejection {
            try await sandbox.authorize(
                consumerKey: "3MVG9unknown", consumerSecret: Secret(org.consumerSecret), myDomain: org.myDomain)
        }
        #expect(error == .rejected(service: .salesforce, code: "invalid_client", message: "invalid client credentials"))
        #expect(error.map { !$0.description.contains(org.consumerSecret) } == true)
    }

    @Test func wrongMyDomainIsRejected() async throws {
        let error = await rejection {
            try await sandbox.authorize(
                consumerKey: org.consumerKey, consumerSecret: Secret(org.consumerSecret),
                myDomain: "https://someone-else.my.salesforce.com")
        }
        #expect(error?.service == .salesforce)
        #expect(code(of: error) == "invalid_client")
    }
}
