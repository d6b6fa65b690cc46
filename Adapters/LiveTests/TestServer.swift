import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import LiveHTTP
import LiveTransport
import Logging
import NIOCore
import Transport

/// A server speaking the wire contract on loopback, and the live transport pointed at it.
///
/// Tests reach the server only through the contract: the APIs at ``baseURL`` (a channel's Buy
/// with Prime endpoint and the connected app's My Domain alike) and the sandbox server's
/// `/_sandbox/faults` and `/_sandbox/requests`. Moving them to the sandbox server (the CLI's `sandbox serve`) is
/// the one line in ``run(_:)`` that starts the server.
struct TestServer: Sendable {
    /// The base URL of both APIs, e.g. `http://127.0.0.1:54321`.
    let baseURL: String
    /// The client of these tests, shut down when ``run(_:)`` ends.
    let client: HTTPClient

    /// Starts a server, runs `body` against it, then stops it and shuts the client down.
    static func run<Value: Sendable>(_ body: @Sendable (TestServer) async throws -> Value) async throws -> Value {
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: HTTPClientTransport.configuration)
        do {
            // The one line to change for the sandbox server: start it and take its base URL.
            let value = try await PlumbingServer.application().test(.live) { server in
                try await body(TestServer(baseURL: "http://127.0.0.1:\(server.port ?? 0)", client: client))
            }
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The `live` transport over this test's client, with `policy`, logging to `logger`.
    func live(
        policy: RetryPolicy = .standard, maxBodyBytes: Int = HTTPClientTransport.defaultMaxBodyBytes,
        logger: Logger = Logger(label: "live-transport-tests")
    ) -> TransportDescriptor {
        LiveTransport.descriptor(
            http: HTTPClientTransport(client: client, maxBodyBytes: maxBodyBytes), retryPolicy: policy, logger: logger)
    }

    /// A Buy with Prime account whose endpoint is this server.
    func account(
        secret: String = "test-secret-never-printed", timeout: Duration = .seconds(10)
    ) -> BuyWithPrimeCredentials {
        BuyWithPrimeCredentials(
            clientID: "test-client", clientSecret: Secret(secret), targetID: "TARGET-1", endpoint: baseURL,
            requestTimeout: timeout)
    }

    /// A connected app whose My Domain is this server.
    func org(secret: String = "test-consumer-secret-never-printed", timeout: Duration = .seconds(10)) -> SalesforceOrg {
        SalesforceOrg(
            consumerKey: "test-consumer-key", consumerSecret: Secret(secret), myDomain: baseURL, requestTimeout: timeout
        )
    }

    /// `POST /_sandbox/faults`: the next `count` calls of `route` (`POST /graphql`, `*`) answer with `fault`.
    func fault(
        _ fault: String, on route: String, count: Int = 1, retryAfter: Int? = nil, delayMs: Int? = nil
    ) async throws {
        let body = PlumbingServer.Fault(
            route: route, count: count, fault: fault, retryAfter: retryAfter, delayMs: delayMs)
        _ = try await control("POST", "/_sandbox/faults", body: try JSONEncoder().encode(body))
    }

    /// `GET /_sandbox/requests`: what the APIs received, oldest first.
    func requests() async throws -> [PlumbingServer.Recorded] {
        try JSONDecoder().decode([PlumbingServer.Recorded].self, from: try await control("GET", "/_sandbox/requests"))
    }

    /// How many calls of `method path` the APIs received.
    func count(_ method: String, _ path: String) async throws -> Int {
        try await requests().filter { $0.method == method && $0.path == path }.count
    }

    private func control(_ method: String, _ path: String, body: Data? = nil) async throws -> Data {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .seconds(10))
        return Data(try await response.body.collect(upTo: 1 << 22).readableBytesView)
    }
}
