import Foundation
import HummingbirdTesting
import SandboxTransport
import Testing
import Transport

@testable import SandboxServer

/// `GET /_sandbox/requests`: every API call in order, secrets and tokens only as fingerprints.
@Suite struct RequestLogTests {
    let us = ServerFixture.us

    @Test func logShowsEachCallWithFingerprintsAndNeverASecretOrToken() async throws {
        try await ServerFixture.withServer { client in
            let bwpToken = try await client.buyWithPrimeToken(us)
            _ = try await client.graphQL(token: bwpToken, target: us.targetId, ["query": "query { __typename }"])
            let sfToken = try await client.salesforceToken()
            _ = try await client.query("SELECT Id FROM SalesChannel WHERE ExternalChannelNumber = 'x'", token: sfToken)
            try await client.planFault(["route": "POST /graphql", "fault": "429"])
            _ = try await client.graphQL(token: bwpToken, target: us.targetId, ["query": "query { __typename }"])

            let response = try await client.execute(uri: "/_sandbox/requests", method: .get)
            #expect(response.status == .ok)
            let text = response.text
            let secrets =
                [ServerFixture.demo.salesforce.consumerSecret] + ServerFixture.demo.buyWithPrime.map(\.clientSecret)
            for secret in secrets + [bwpToken, sfToken] {
                #expect(!text.contains(secret), "the log shows a secret or token")
            }
            let entries = try #require(response.json?.array)
            #expect(
                entries.map { $0["path"] } == [
                    "/token", "/graphql", "/services/oauth2/token", "/services/data/v62.0/query", "/graphql",
                ])
            #expect(
                entries.map { $0["api"] } == [
                    "buy-with-prime", "buy-with-prime", "salesforce", "salesforce", "buy-with-prime",
                ])
            #expect(entries.map { $0["status"] } == [200, 200, 200, 200, 429])
            #expect(entries.map { $0["fault"] } == [nil, nil, nil, nil, "429"])

            let token = entries[0]
            #expect(token["method"] == "POST")
            #expect(token["clientId"] == .string(us.clientId))
            #expect(token["secretFingerprint"] == .string(RequestLog.fingerprint(us.clientSecret)))
            let fingerprint = try #require(token["secretFingerprint"]?.string)
            #expect(fingerprint.count == 8 && fingerprint.allSatisfy(\.isHexDigit))
            let graphQL = entries[1]
            #expect(graphQL["targetId"] == .string(us.targetId))
            #expect(graphQL["clientId"] == .string(us.clientId))
            #expect(graphQL["tokenFingerprint"] == .string(RequestLog.fingerprint(bwpToken)))
            #expect(entries[3]["tokenFingerprint"] == .string(RequestLog.fingerprint(sfToken)))

            let time = try #require(token["time"]?.string)
            #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(time)")
            let decoded = try JSONDecoder().decode([RequestLog.Entry].self, from: Data(response.body.readableBytesView))
            #expect(decoded.count == 5)
            #expect(decoded == decoded.sorted { $0.time <= $1.time })

            let cleared = try await client.execute(uri: "/_sandbox/requests", method: .delete)
            #expect(cleared.status == .noContent)
            #expect(try await client.execute(uri: "/_sandbox/requests", method: .get).json == [])
        }
    }
}
