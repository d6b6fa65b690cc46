import Foundation
import Hummingbird
import HummingbirdTesting
import SandboxTransport
import Testing
import Transport

@testable import SandboxServer

/// Real HTTP against a sandbox server on a free loopback port (HummingbirdTesting's `.live`).
enum ServerFixture {
    static let demo = SandboxAccounts.demo
    static let us = demo.buyWithPrime[0]
    static let eu = demo.buyWithPrime[1]
    static let orders = SandboxOrders.seeded(for: demo)
    static let apiVersion = "62.0"
    static let orderField = "Amazon_bwp_oms__amazonBwpOrderID__c"

    /// Runs `test` with a client of a fresh server.
    static func withServer<Value: Sendable>(
        _ configuration: SandboxServer.Configuration = SandboxServer.Configuration(),
        _ test: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await SandboxServer(configuration: configuration).application().test(.live, test)
    }

    /// An `application/x-www-form-urlencoded` body.
    static func form(_ pairs: KeyValuePairs<String, String>) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = pairs.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
        return ByteBuffer(string: text)
    }

    static func json(_ value: JSONValue) -> ByteBuffer {
        ByteBuffer(bytes: value.encoded())
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
}

extension TestResponse {
    /// The body as JSON, or nil when it is not JSON.
    var json: JSONValue? { JSONValue.parse(Data(body.readableBytesView)) }
    /// The body as text.
    var text: String { String(buffer: body) }
}

extension TestClientProtocol {
    /// `POST /token` for a Buy with Prime account.
    func buyWithPrimeTokenResponse(_ account: BuyWithPrimeAccount, secret: String? = nil) async throws -> TestResponse {
        try await execute(
            uri: "/token", method: .post, headers: ServerFixture.formHeaders,
            body: ServerFixture.form([
                "grant_type": "client_credentials", "client_id": account.clientId,
                "client_secret": secret ?? account.clientSecret,
            ]))
    }

    /// A Buy with Prime token for the account.
    func buyWithPrimeToken(_ account: BuyWithPrimeAccount) async throws -> String {
        let response = try await buyWithPrimeTokenResponse(account)
        return try #require(response.json?["access_token"]?.string, "\(response.status) \(response.text)")
    }

    /// `POST /graphql` with a token, a target and a body.
    func graphQL(token: String, target: String, _ body: JSONValue, version: String = "2024-11-01") async throws
        -> TestResponse
    {
        try await execute(
            uri: "/graphql", method: .post,
            headers: [
                .authorization: "Bearer \(token)", .apiTargetID: target, .apiVersion: version,
                .contentType: "application/json",
            ],
            body: ServerFixture.json(body))
    }

    /// The `order` query with an `orderIdentifier`.
    func order(token: String, target: String, identifier: JSONValue) async throws -> TestResponse {
        try await graphQL(
            token: token, target: target,
            [
                "query":
                    "query Order($orderIdentifier: OrderIdentifierInput!) { order(orderIdentifier: $orderIdentifier) { id } }",
                "variables": ["orderIdentifier": identifier],
            ])
    }

    /// A Salesforce token for the demo connected app.
    func salesforceToken() async throws -> String {
        let app = ServerFixture.demo.salesforce
        let response = try await execute(
            uri: "/services/oauth2/token", method: .post, headers: ServerFixture.formHeaders,
            body: ServerFixture.form([
                "grant_type": "client_credentials", "client_id": app.consumerKey, "client_secret": app.consumerSecret,
            ]))
        return try #require(response.json?["access_token"]?.string, "\(response.status) \(response.text)")
    }

    /// A REST call under `/services/data/v62.0/`.
    func rest(_ method: HTTPRequest.Method, _ path: String, token: String, body: JSONValue? = nil) async throws
        -> TestResponse
    {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(
            uri: "/services/data/v\(ServerFixture.apiVersion)/\(path)", method: method, headers: headers,
            body: body.map(ServerFixture.json))
    }

    /// `GET …/query?q=SOQL`.
    func query(_ soql: String, token: String) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return try await rest(
            .get, "query?q=" + (soql.addingPercentEncoding(withAllowedCharacters: allowed) ?? soql), token: token)
    }

    /// `POST /_sandbox/faults`.
    @discardableResult
    func planFault(_ plan: JSONValue) async throws -> TestResponse {
        let response = try await execute(
            uri: "/_sandbox/faults", method: .post, headers: [.contentType: "application/json"],
            body: ServerFixture.json(plan))
        #expect(response.status == .created, "\(response.text)")
        return response
    }
}
