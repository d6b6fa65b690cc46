import Foundation
import HummingbirdTesting
import SandboxTransport
import Testing
import Transport

@testable import SandboxServer

/// Each fault kind once, over real HTTP; `cut`, `stall` and `drop` over a plain socket to see the bytes.
@Suite struct FaultTests {
    let us = ServerFixture.us
    let typename: JSONValue = ["query": "query { __typename }"]

    @Test func throttledCarriesRetryAfterAndAppliesToTheNextCallOnly() async throws {
        try await ServerFixture.withServer { client in
            let token = try await client.buyWithPrimeToken(us)
            let planned = try await client.planFault([
                "route": "POST /graphql", "count": 1, "fault": "429", "retryAfter": 7,
            ])
            #expect(planned.json == ["route": "POST /graphql", "count": 1, "fault": "429", "retryAfter": 7])
            let throttled = try await client.graphQL(token: token, target: us.targetId, typename)
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter] == "7")
            #expect(throttled.json?["errors"]?.array?.first?["extensions"]?["errorType"] == "ThrottlingError")
            let next = try await client.graphQL(token: token, target: us.targetId, typename)
            #expect(next.status == .ok)
        }
    }

    @Test func unauthorizedOnARESTRouteIsAnExpiredSession() async throws {
        try await ServerFixture.withServer { client in
            let token = try await client.salesforceToken()
            try await client.planFault(["route": "GET /services/data/v62.0/query", "fault": "401"])
            let soql = "SELECT Id FROM SalesChannel WHERE ExternalChannelNumber = 'x'"
            let expired = try await client.query(soql, token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired.json?.array?.first?["errorCode"] == "INVALID_SESSION_ID")
            #expect(try await client.query(soql, token: token).status == .ok)
        }
    }

    @Test func serverErrorOnAnyRouteHitsTheTokenEndpoint() async throws {
        try await ServerFixture.withServer { client in
            try await client.planFault(["route": "*", "count": 2, "fault": "500"])
            for _ in 0..<2 {
                let failed = try await client.buyWithPrimeTokenResponse(us)
                #expect(failed.status == .internalServerError)
                #expect(failed.json?["error"] == "server_error")
            }
            #expect(try await client.buyWithPrimeTokenResponse(us).status == .ok)
        }
    }

    @Test func delayAnswersLate() async throws {
        try await ServerFixture.withServer { client in
            try await client.planFault(["route": "POST /token", "fault": "delay", "delayMs": 400])
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await client.buyWithPrimeTokenResponse(us)
            #expect(clock.now - start >= .milliseconds(400))
            #expect(response.status == .ok)
        }
    }

    @Test func lateAppliesTheWriteAtOnceAndAnswersLate() async throws {
        try await ServerFixture.withServer { client in
            let token = try await client.salesforceToken()
            try await client.planFault(["route": "POST /services/data/*", "fault": "late", "delayMs": 3000])
            let fields: JSONValue = [
                "SalesChannelName": "US Storefront", "Type": "B2C", "ExternalChannelNumber": .string(us.targetId),
            ]
            let create = Task { try await client.rest(.post, "sobjects/SalesChannel/", token: token, body: fields) }
            let soql =
                "SELECT Id, SalesChannelName, Type, ExternalChannelNumber FROM SalesChannel WHERE ExternalChannelNumber = '\(us.targetId)'"
            var found = 0
            for _ in 0..<100 where found == 0 {
                try await Task.sleep(for: .milliseconds(20))
                found = try await client.query(soql, token: token).json?["records"]?.array?.count ?? 0
            }
            #expect(found == 1, "the record exists while its creator still waits for the answer")
            let answer = try await create.value
            #expect(answer.status == .created)
            let log = try await client.execute(uri: "/_sandbox/requests", method: .get).json?.array ?? []
            #expect(log.contains { $0["fault"] == "late" && $0["status"] == 201 })
        }
    }

    @Test func malformedIsA200ThatIsNotJSON() async throws {
        try await ServerFixture.withServer { client in
            let token = try await client.buyWithPrimeToken(us)
            try await client.planFault(["route": "POST /graphql", "fault": "malformed"])
            let response = try await client.graphQL(token: token, target: us.targetId, typename)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes > 0)
            #expect(response.json == nil)
        }
    }

    @Test func oversizedIsSeveralMebibytesOfValidJSON() async throws {
        try await ServerFixture.withServer { client in
            let token = try await client.buyWithPrimeToken(us)
            try await client.planFault(["route": "POST /graphql", "fault": "oversized"])
            let response = try await client.graphQL(token: token, target: us.targetId, typename)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == Fault.oversizedLength)
            #expect(response.body.readableBytes >= 4 * 1024 * 1024)
            #expect(response.json?["data"]?["order"]?["id"] != nil)
        }
    }

    @Test func cutSendsLessThanItsContentLengthThenCloses() async throws {
        try await ServerFixture.withServer { client in
            let port = try #require(client.port)
            try await client.planFault(["route": "POST /graphql", "fault": "cut"])
            let bytes = try await RawHTTP.post(
                port: port, path: "/graphql", json: #"{"query": "query { __typename }"}"#)
            let (head, body) = try #require(RawHTTP.split(bytes), "no head in \(bytes.count) bytes")
            #expect(head.hasPrefix("HTTP/1.1 200"))
            let declared = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
            let length = try #require(declared)
            #expect(body.count > 0)
            #expect(body.count < length, "cut short: \(body.count) of \(length) bytes")
            let log = try await client.execute(uri: "/_sandbox/requests", method: .get).json?.array
            #expect(log?.last?["fault"] == "cut")
            #expect(log?.last?["status"] == 200)
        }
    }

    @Test func stallSendsAQuarterThenNothingUntilTheServerStops() async throws {
        let start = ContinuousClock.now
        try await ServerFixture.withServer { client in
            let port = try #require(client.port)
            try await client.planFault(["route": "POST /graphql", "fault": "stall"])
            let bytes = try await RawHTTP.post(
                port: port, path: "/graphql", json: #"{"query": "query { __typename }"}"#, silence: 3)
            let (head, body) = try #require(RawHTTP.split(bytes), "no head in \(bytes.count) bytes")
            #expect(head.hasPrefix("HTTP/1.1 200"))
            #expect(head.lowercased().contains("content-length: 2048"))
            #expect(body.count == 512, "a quarter, then silence: \(body.count) bytes")
            let log = try await client.execute(uri: "/_sandbox/requests", method: .get).json?.array
            #expect(log?.last?["fault"] == "stall")
        }
        // Stopping the server ended the stalled answer, well before its limit.
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test func dropClosesWithoutAnAnswer() async throws {
        try await ServerFixture.withServer { client in
            let port = try #require(client.port)
            try await client.planFault(["route": "POST /services/data/v62.0/composite", "fault": "drop"])
            let bytes = try await RawHTTP.post(port: port, path: "/services/data/v62.0/composite", json: "{}")
            #expect(bytes.isEmpty, "\(String(decoding: bytes, as: UTF8.self))")
            let log = try await client.execute(uri: "/_sandbox/requests", method: .get).json?.array
            #expect(log?.last?["fault"] == "drop")
            #expect(log?.last?["status"] == .null)
            // The server goes on serving.
            #expect(try await client.buyWithPrimeTokenResponse(us).status == .ok)
        }
    }

    @Test func unreadablePlansAreRefused() async throws {
        try await ServerFixture.withServer { client in
            for plan: JSONValue in [
                ["route": "graphql", "fault": "429"], ["route": "*", "fault": "teapot"],
                ["route": "*", "fault": "500", "count": 0],
            ] {
                let response = try await client.execute(
                    uri: "/_sandbox/faults", method: .post, body: ServerFixture.json(plan))
                #expect(response.status == .badRequest)
                #expect(response.json?["error"]?.string != nil)
            }
        }
    }
}
