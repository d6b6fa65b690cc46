import Foundation
import HummingbirdTesting
import SandboxTransport
import Testing
import Transport

@testable import SandboxServer

/// Buy with Prime over real HTTP: the token exchange, `{ __typename }` and the `order` query.
@Suite struct BuyWithPrimeServerTests {
    let us = ServerFixture.us
    let eu = ServerFixture.eu

    @Test func tokenLastsFifteenMinutesAndTypenameAnswersForTheOwnTarget() async throws {
        try await ServerFixture.withServer { client in
            let response = try await client.buyWithPrimeTokenResponse(us)
            #expect(response.status == .ok)
            #expect(response.json?["token_type"] == "Bearer")
            #expect(response.json?["expires_in"] == 900)
            let token = try #require(response.json?["access_token"]?.string)
            let typename = try await client.graphQL(
                token: token, target: us.targetId, ["query": "query { __typename }"])
            #expect(typename.status == .ok)
            #expect(typename.text == #"{"data":{"__typename":"Query"}}"#)
        }
    }

    @Test func wrongSecretOrUnknownClientIsInvalidClient() async throws {
        try await ServerFixture.withServer { client in
            let wrongSecret = try await client.buyWithPrimeTokenResponse(us, secret: eu.clientSecret)
            #expect(wrongSecret.status == .unauthorized)
            #expect(wrongSecret.json?["error"] == "invalid_client")
            let stranger = BuyWithPrimeAccount(name: "x", clientId: "amzn1.unknown", clientSecret: "s", targetId: "T")
            let unknown = try await client.buyWithPrimeTokenResponse(stranger)
            #expect(unknown.status == .unauthorized)
            #expect(unknown.json?["error"] == "invalid_client")
        }
    }

    @Test func anotherAccountsTargetIsAccessDenied() async throws {
        try await ServerFixture.withServer { client in
            let token = try await client.buyWithPrimeToken(us)
            let response = try await client.graphQL(
                token: token, target: eu.targetId, ["query": "query { __typename }"])
            #expect(response.status == .ok)
            #expect(response.json?["data"] == .null)
            let error = response.json?["errors"]?.array?.first
            #expect(error?["extensions"]?["errorType"] == "AccessDeniedError")
            #expect(error?["message"]?.string?.contains(eu.targetId) == true)
        }
    }

    @Test func orderByIdAndByAliasIsTheSeededOrderOnTheWire() async throws {
        let order = try #require(ServerFixture.orders[us.targetId]?.first { !$0.aliases.isEmpty })
        let alias = try #require(order.aliases.first)
        let line = try #require(order.lineItems.first)
        try await ServerFixture.withServer { client in
            let token = try await client.buyWithPrimeToken(us)
            let byId = try await client.order(
                token: token, target: us.targetId, identifier: ["orderId": .string(order.id)])
            #expect(byId.status == .ok)
            let wire = try #require(byId.json?["data"]?["order"])
            #expect(wire["id"] == .string(order.id))
            #expect(wire["aliases"] == [["aliasType": "EXTERNAL_ID", "aliasId": .string(alias.aliasId)]])
            #expect(wire["customer"]?["bwpCustomerId"] == order.customer?.bwpCustomerId.map(JSONValue.string))
            #expect(wire["customer"]?["contact"]?["email"]?.string?.hasSuffix("@us-storefront.example") == true)
            let wireLine = try #require(wire["lineItems"]?.array?.first)
            #expect(wireLine["id"] == .string(line.id))
            #expect(wireLine["amount"] == ["unit": "ONE", "value": .int(line.quantity ?? 0)])
            #expect(wireLine["product"]?["amazonSku"]?["value"] == line.amazonSku.map(JSONValue.string))
            #expect(wireLine["product"]?["externalId"]?["value"] == line.externalId.map(JSONValue.string))
            #expect(wireLine["product"]?["price"]?["currencyCode"] == "USD")
            #expect(wireLine["product"]?["price"]?["amount"] == line.price.map { JSONValue.string($0.amount) })

            let byAlias = try await client.order(
                token: token, target: us.targetId,
                identifier: ["alias": ["aliasType": "EXTERNAL_ID", "aliasId": .string(alias.aliasId)]])
            #expect(byAlias.json?["data"]?["order"] == wire)
        }
    }

    @Test func unknownOrderOrAnotherAccountsOrderIsNotFound() async throws {
        let euOrder = try #require(ServerFixture.orders[eu.targetId]?.first)
        try await ServerFixture.withServer { client in
            let token = try await client.buyWithPrimeToken(us)
            for id in ["322-NONE-000000", euOrder.id] {
                let response = try await client.order(
                    token: token, target: us.targetId, identifier: ["orderId": .string(id)])
                #expect(response.status == .ok)
                #expect(response.json?["data"] == .null)
                #expect(response.json?["errors"]?.array?.first?["extensions"]?["errorType"] == "ResourceNotFoundError")
            }
        }
    }

    @Test func unknownOrExpiredTokenIs401() async throws {
        // Short enough to wait out; a machine so loaded that the first use comes later than that
        // cannot tell a fresh token from an expired one, and that half of the check is skipped.
        let configuration = SandboxServer.Configuration(buyWithPrimeTokenLifetime: .seconds(5))
        try await ServerFixture.withServer(configuration) { client in
            let unknown = try await client.graphQL(
                token: "sandbox-bwp-unknown", target: us.targetId, ["query": "query { __typename }"])
            #expect(unknown.status == .unauthorized)

            let asked = ContinuousClock.now
            let response = try await client.buyWithPrimeTokenResponse(us)
            #expect(response.json?["expires_in"] == 5)
            let token = try #require(response.json?["access_token"]?.string)
            let fresh = try await client.graphQL(token: token, target: us.targetId, ["query": "query { __typename }"])
            if ContinuousClock.now - asked < .seconds(5) { #expect(fresh.status == .ok) }
            try await Task.sleep(for: .milliseconds(5200))
            let expired = try await client.graphQL(token: token, target: us.targetId, ["query": "query { __typename }"])
            #expect(expired.status == .unauthorized)
        }
    }

    @Test func missingVersionOrUnknownQueryIsAValidationError() async throws {
        try await ServerFixture.withServer { client in
            let token = try await client.buyWithPrimeToken(us)
            let badVersion = try await client.graphQL(
                token: token, target: us.targetId, ["query": "query { __typename }"], version: "1999-01-01")
            #expect(badVersion.json?["errors"]?.array?.first?["extensions"]?["errorType"] == "ValidationError")
            let other = try await client.graphQL(
                token: token, target: us.targetId, ["query": "query { products { id } }"])
            #expect(other.json?["errors"]?.array?.first?["extensions"]?["errorType"] == "ValidationError")
        }
    }
}
