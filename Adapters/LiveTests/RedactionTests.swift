import Foundation
import HTTPTypes
import LiveHTTP
import Testing
import Transport

/// No error, call, answer or log line of the live transport shows a secret or a token.
@Suite("LiveHTTP: nothing prints a secret or token")
struct RedactionTests {
    let token = "tok-4c1f-must-not-print"
    let secret = "sec-9e2a-must-not-print"

    func printed(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    @Test func aCallShowsNoHeaderBodyOrQueryValue() throws {
        var fields: HTTPFields = [.authorization: "Bearer \(token)"]
        fields[.contentType] = "application/x-www-form-urlencoded"
        let endpoint = try ServiceEndpoint("https://e.test", service: .salesforce)
        var call = HTTPCall(
            service: .salesforce, operation: "salesforce.token",
            request: endpoint.request(.post, "/services/oauth2/token", query: [("code", secret)], headerFields: fields),
            body: Data("client_secret=\(secret)".utf8), timeout: .seconds(1), isIdempotent: true)
        call.attempt = 2
        for text in printed(call) {
            #expect(!text.contains(token))
            #expect(!text.contains(secret))
        }
        #expect(call.description == "salesforce.token: POST e.test /services/oauth2/token?code")
        let answer = HTTPAnswer(
            response: HTTPResponse(status: .ok, headerFields: [.setCookie: token]),
            body: Data(#"{"access_token": "\#(token)"}"#.utf8))
        for text in printed(answer) {
            #expect(!text.contains(token))
        }
    }

    @Test func logsAndErrorsOfAWholeExchangeShowNoSecretOrToken() async throws {
        let capture = LogCapture()
        let secrets = [TestServer.store.clientSecret, TestServer.accounts.salesforce.consumerSecret]
        try await TestServer.run { server in
            let live = server.live(logger: capture.logger())
            let account = server.account()
            let authorization = try await live.buyWithPrime.authorize(account)
            let issued = authorization.accessToken.reveal()
            try await server.fault(.serverError, on: "POST /graphql", count: 10)
            let error = try #require(
                await failure { try await live.buyWithPrime.order(id: TestServer.order.id, as: account) })
            let org = server.org()
            let salesforce = try await live.salesforce.authorize(org)
            let sessionToken = salesforce.accessToken.reveal()
            _ = try await live.salesforce.findSalesChannel(externalChannelNumber: TestServer.store.targetId, in: org)
            for text in printed(error) + printed(authorization) + printed(salesforce) + capture.text {
                for secret in secrets { #expect(!text.contains(secret)) }
                #expect(!text.contains(issued))
                #expect(!text.contains(sessionToken))
                #expect(!text.contains("sandbox-bwp-"))
                #expect(!text.contains("00DSB0000000001!"))
            }
            let lines = capture.text.filter { $0.contains("HTTP request") }
            #expect(lines.count == 2 + 4 + 2)
            #expect(
                lines.contains {
                    $0.contains("operation=buy-with-prime.order") && $0.contains("attempt=4")
                        && $0.contains("status=500")
                })
            #expect(
                lines.contains {
                    $0.contains("path=/services/data/v62.0/query?q") && !$0.contains(TestServer.store.targetId)
                })
            #expect(capture.text.contains { $0.contains("Salesforce API usage") && $0.contains("api-usage=1/15000") })
        }
    }
}
