import Foundation
import HummingbirdTesting
import SandboxTransport
import Testing
import Transport

@testable import SandboxServer

/// The Salesforce org over real HTTP: the token, the two query shapes, SalesChannel create and
/// update, and a composite that meets an order the managed package has not created yet.
@Suite struct SalesforceServerTests {
    let field = ServerFixture.orderField
    let us = ServerFixture.us

    @Test func tokenAnswerNamesTheServerAsTheInstance() async throws {
        try await ServerFixture.withServer { client in
            let app = ServerFixture.demo.salesforce
            let response = try await client.execute(
                uri: "/services/oauth2/token", method: .post, headers: ServerFixture.formHeaders,
                body: ServerFixture.form([
                    "grant_type": "client_credentials", "client_id": app.consumerKey,
                    "client_secret": app.consumerSecret,
                ]))
            #expect(response.status == .ok)
            #expect(response.json?["token_type"] == "Bearer")
            #expect(response.json?["issued_at"]?.string?.allSatisfy(\.isNumber) == true)
            // The test client's Host header names no port, so the instance is the listening address.
            let instance = try #require(response.json?["instance_url"]?.string)
            let port = try #require(client.port)
            #expect(instance == "http://127.0.0.1:\(port)" || instance == "http://[::1]:\(port)", "\(instance)")
        }
    }

    @Test func findCreateAndUpdateASalesChannelWithTheUsageHeader() async throws {
        try await ServerFixture.withServer { client in
            let token = try await client.salesforceToken()
            let find =
                "SELECT Id, SalesChannelName, Type, ExternalChannelNumber FROM SalesChannel WHERE ExternalChannelNumber = '\(us.targetId)'"
            let none = try await client.query(find, token: token)
            #expect(none.status == .ok)
            #expect(none.json?["totalSize"] == 0)
            #expect(none.json?["records"] == [])
            #expect(none.headers[.sforceLimitInfo] == "api-usage=1/15000")

            let fields: JSONValue = [
                "SalesChannelName": "US Storefront", "Type": "B2C", "ExternalChannelNumber": .string(us.targetId),
            ]
            let create = try await client.rest(.post, "sobjects/SalesChannel/", token: token, body: fields)
            #expect(create.status == .created, "\(create.text)")
            #expect(create.json?["success"] == true)
            #expect(create.json?["errors"] == [])
            let id = try #require(create.json?["id"]?.string)
            #expect(id.hasPrefix("0bI") && id.count == 18)

            let found = try await client.query(find, token: token)
            #expect(found.json?["totalSize"] == 1)
            let record = try #require(found.json?["records"]?.array?.first)
            #expect(record["Id"] == .string(id))
            #expect(record["SalesChannelName"] == "US Storefront")
            #expect(record["attributes"]?["type"] == "SalesChannel")

            let update = try await client.rest(
                .patch, "sobjects/SalesChannel/\(id)", token: token,
                body: ["SalesChannelName": "US Store", "Type": "B2C", "ExternalChannelNumber": .string(us.targetId)])
            #expect(update.status == .noContent)
            #expect(update.headers[.sforceLimitInfo] == "api-usage=4/15000")
            let renamed = try await client.query(find, token: token)
            #expect(renamed.json?["records"]?.array?.first?["SalesChannelName"] == "US Store")

            let missing = try await client.rest(
                .patch, "sobjects/SalesChannel/0bISB0000000000999", token: token, body: fields)
            #expect(missing.status == .notFound)
            #expect(missing.json?.array?.first?["errorCode"] == "NOT_FOUND")
        }
    }

    @Test func compositeUpdatesFoundOrdersAndAnOrderCreatedLater() async throws {
        let seeded = try #require(ServerFixture.orders[us.targetId])
        let (first, second, notYet) = (seeded[0].id, seeded[1].id, seeded[seeded.count - 1].id)
        try await ServerFixture.withServer { client in
            let token = try await client.salesforceToken()
            let channel = try await client.rest(
                .post, "sobjects/SalesChannel/", token: token,
                body: [
                    "SalesChannelName": "US Storefront", "Type": "B2C", "ExternalChannelNumber": .string(us.targetId),
                ])
            let channelId = try #require(channel.json?["id"]?.string)

            let lookup = "SELECT Id, \(field) FROM Order WHERE \(field) IN ('\(first)', '\(second)', '\(notYet)')"
            let found = try await client.query(lookup, token: token)
            #expect(found.json?["totalSize"] == 2, "the last orders are not created yet")
            let records = try #require(found.json?["records"]?.array)
            #expect(records.compactMap { $0[field]?.string } == [first, second])
            let ids = records.compactMap { $0["Id"]?.string }
            #expect(ids.count == 2 && ids.allSatisfy { $0.hasPrefix("801") })

            func patch(_ id: String, _ reference: String, channel: String) -> JSONValue {
                [
                    "method": "PATCH", "url": .string("/services/data/v62.0/sobjects/Order/\(id)"),
                    "referenceId": .string(reference), "body": ["SalesChannelId": .string(channel)],
                ]
            }
            let batch: JSONValue = [
                "allOrNone": false,
                "compositeRequest": [
                    patch(ids[0], "order0", channel: channelId), patch(ids[1], "order1", channel: "0bISB0000000000999"),
                ],
            ]
            let composite = try await client.rest(.post, "composite", token: token, body: batch)
            #expect(composite.status == .ok, "\(composite.text)")
            let results = try #require(composite.json?["compositeResponse"]?.array)
            #expect(
                results.first
                    == ["body": nil, "httpHeaders": [:], "httpStatusCode": 204, "referenceId": "order0"])
            #expect(results.last?["httpStatusCode"] == 400)
            #expect(results.last?["body"]?.array?.first?["errorCode"] == "INVALID_CROSS_REFERENCE_KEY")

            // The managed package creates the missing order; the next lookup finds it.
            let created = try await client.execute(
                uri: "/_sandbox/orders", method: .post, headers: [.contentType: "application/json"],
                body: ServerFixture.json(["orderId": .string(notYet)]))
            #expect(created.status == .created)
            let lateId = try #require(created.json?["id"]?.string)
            let again = try await client.query(lookup, token: token)
            #expect(again.json?["totalSize"] == 3)
            let late = try await client.rest(
                .post, "composite", token: token,
                body: ["compositeRequest": [patch(lateId, "order2", channel: channelId)]])
            #expect(late.json?["compositeResponse"]?.array?.first?["httpStatusCode"] == 204)
            let channelOfLate = try await client.query(
                "SELECT Id, SalesChannelId FROM Order WHERE \(field) = '\(notYet)'", token: token)
            #expect(channelOfLate.json?["records"]?.array?.first?["SalesChannelId"] == .string(channelId))
        }
    }

    @Test func unknownTokenWrongSecretMalformedQueryAndTooLargeComposite() async throws {
        try await ServerFixture.withServer { client in
            let stranger = try await client.query(
                "SELECT Id FROM SalesChannel WHERE ExternalChannelNumber = 'x'", token: "nope")
            #expect(stranger.status == .unauthorized)
            #expect(stranger.json?.array?.first?["errorCode"] == "INVALID_SESSION_ID")
            #expect(stranger.headers[.sforceLimitInfo] != nil)

            let app = ServerFixture.demo.salesforce
            let refused = try await client.execute(
                uri: "/services/oauth2/token", method: .post, headers: ServerFixture.formHeaders,
                body: ServerFixture.form([
                    "grant_type": "client_credentials", "client_id": app.consumerKey, "client_secret": "wrong",
                ]))
            #expect(refused.status == .badRequest)
            #expect(refused.json == ["error": "invalid_client", "error_description": "invalid client credentials"])

            let token = try await client.salesforceToken()
            let malformed = try await client.query("SELECT Name FROM Account", token: token)
            #expect(malformed.status == .badRequest)
            #expect(malformed.json?.array?.first?["errorCode"] == "MALFORMED_QUERY")

            let subrequest: JSONValue = [
                "method": "PATCH", "url": "/services/data/v62.0/sobjects/Order/801SB0000000000001", "referenceId": "r",
                "body": [:],
            ]
            let tooMany = try await client.rest(
                .post, "composite", token: token,
                body: ["allOrNone": false, "compositeRequest": .array(Array(repeating: subrequest, count: 26))])
            #expect(tooMany.status == .badRequest)
        }
    }

    @Test func quotedValuesAreUnescaped() async throws {
        try await ServerFixture.withServer { client in
            let token = try await client.salesforceToken()
            let number = #"O'Brien\Shop"#
            let create = try await client.rest(
                .post, "sobjects/SalesChannel/", token: token,
                body: ["SalesChannelName": "Quoted", "Type": "B2C", "ExternalChannelNumber": .string(number)])
            #expect(create.status == .created)
            let found = try await client.query(
                #"SELECT Id, ExternalChannelNumber FROM SalesChannel WHERE ExternalChannelNumber = 'O\'Brien\\Shop'"#,
                token: token)
            #expect(found.json?["records"]?.array?.first?["ExternalChannelNumber"] == .string(number))
        }
    }
}
