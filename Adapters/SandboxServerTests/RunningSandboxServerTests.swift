import Foundation
import HummingbirdTesting
import SandboxTransport
import Testing
import Transport

@testable import SandboxServer

/// The in-process API other test suites use: start on a free port, read the base URL, stop.
@Suite struct RunningSandboxServerTests {
    @Test func startListensOnAFreePortAndStopClosesIt() async throws {
        let server = try await SandboxServer.start()
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        #expect(server.port > 0)
        let answer = try await TestClient.withClient(host: "127.0.0.1", port: server.port) { client in
            try await client.get("/_sandbox/requests")
        }
        #expect(answer.status == .ok)
        try await server.plan(.serverError, route: "POST /token")
        #expect(await server.requests().isEmpty)
        try await server.stop()
        await #expect(throws: (any Error).self) {
            try await TestClient.withClient(host: "127.0.0.1", port: server.port) { client in
                try await client.get("/_sandbox/requests")
            }
        }
    }

    @Test func aTakenPortFailsTheStartInsteadOfHanging() async throws {
        try await SandboxServer.withRunning { first in
            await #expect(throws: (any Error).self) {
                try await SandboxServer.start(SandboxServer.Configuration(port: first.port))
            }
        }
    }

    @Test func accountsThatAreNotTheDemoOnes() async throws {
        let account = BuyWithPrimeAccount(
            name: "Private Shop", clientId: "amzn1.private", clientSecret: "a-secret-only-this-test-knows",
            targetId: "APRIVATE00001")
        let accounts = SandboxAccounts(
            salesforce: SalesforceAccount(consumerKey: "key", consumerSecret: "other-secret", myDomain: "https://x"),
            buyWithPrime: [account])
        try await ServerFixture.withServer(SandboxServer.Configuration(accounts: accounts)) { client in
            #expect(try await client.buyWithPrimeTokenResponse(ServerFixture.us).status == .unauthorized)
            let token = try await client.buyWithPrimeToken(account)
            let order = try #require(SandboxOrders.seeded(for: accounts)[account.targetId]?.first)
            let found = try await client.order(
                token: token, target: account.targetId, identifier: ["orderId": .string(order.id)])
            #expect(found.json?["data"]?["order"]?["id"] == .string(order.id))
        }
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("::1", true), ("[::1]", true),
        ("0.0.0.0", false), ("192.168.1.10", false), ("example.com", false), ("::", false), ("127.0.0.256", false),
    ])
    func onlyLoopbackHostsAreAccepted(host: String, loopback: Bool) {
        #expect(SandboxServer.isLoopback(host) == loopback)
    }
}
