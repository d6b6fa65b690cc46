import Foundation
import LiveHTTP
import Testing
import Transport

/// The live Salesforce adapter over real HTTP on loopback (``TestServer``).
@Suite("Live Salesforce over HTTP", .timeLimit(.minutes(1)))
struct LiveSalesforceTests {
    @Test func authorizeReturnsTheInstanceURL() async throws {
        try await TestServer.run { server in
            let authorization = try await server.live().salesforce.authorize(server.org())
            #expect(authorization.instanceURL.hasPrefix("http://127.0.0.1:"))
            #expect(authorization.issuedAt == "1700000000000")
            #expect(try await server.requests().map(\.clientId) == ["test-consumer-key"])
        }
    }

    @Test func aRefusedSecretIsARejection() async throws {
        try await TestServer.run { server in
            let error = await failure {
                try await server.live().salesforce.authorize(server.org(secret: PlumbingServer.refusedSecret))
            }
            #expect(
                error
                    == .rejected(
                        service: .salesforce, code: "invalid_client",
                        message: "invalid client credentials (salesforce.token: HTTP 400)"))
        }
    }

    @Test func tokensAreReusedAcrossCalls() async throws {
        try await TestServer.run { server in
            let live = server.live()
            for _ in 0..<3 {
                let found = try await live.salesforce.findSalesChannel(
                    externalChannelNumber: "TARGET-1", in: server.org())
                #expect(found == nil)
            }
            #expect(try await server.count("POST", "/services/oauth2/token") == 1)
            #expect(try await server.count("GET", "/services/data/v62.0/query") == 3)
        }
    }

    @Test func anExpiredSessionAuthenticatesOnceMoreAndRepeatsTheCallOnce() async throws {
        try await TestServer.run { server in
            let live = server.live()
            _ = try await live.salesforce.findSalesChannel(externalChannelNumber: "TARGET-1", in: server.org())
            try await server.fault("401", on: "GET /services/data/v62.0/query")
            #expect(
                try await live.salesforce.findSalesChannel(externalChannelNumber: "TARGET-1", in: server.org()) == nil)
            #expect(try await server.count("POST", "/services/oauth2/token") == 2)
            #expect(try await server.count("GET", "/services/data/v62.0/query") == 3)
        }
    }

    @Test func aSecond401IsARejectionWithoutAThirdTry() async throws {
        try await TestServer.run { server in
            let live = server.live()
            try await server.fault("401", on: "GET /services/data/v62.0/query", count: 5)
            let error = await failure {
                try await live.salesforce.findSalesChannel(externalChannelNumber: "T", in: server.org())
            }
            #expect(
                error
                    == .rejected(
                        service: .salesforce, code: "INVALID_SESSION_ID",
                        message: "Session expired or invalid (salesforce.find-sales-channel: HTTP 401)"))
            #expect(try await server.count("POST", "/services/oauth2/token") == 2)
            #expect(try await server.count("GET", "/services/data/v62.0/query") == 2)
        }
    }
}
