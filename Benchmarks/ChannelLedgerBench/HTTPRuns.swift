import AsyncHTTPClient
import BuyWithPrimeLive
import Foundation
import LiveHTTP
import LiveTransport
import Logging
import NIOCore
import SandboxServer
import SandboxTransport
import Transport

/// Order fetches over loopback against the sandbox server: the `live` transport beside a bare
/// AsyncHTTPClient loop sending the same requests, both with `inFlight` calls at a time.
struct HTTPRuns {
    let server: RunningSandboxServer
    let client: HTTPClient
    let account: BuyWithPrimeCredentials
    let orders: [String]
    let inFlight: Int

    /// Starts the sandbox server (in this process) and a client of the live transport's settings.
    static func start(inFlight: Int) async throws -> HTTPRuns {
        var configuration = SandboxServer.Configuration()
        configuration.logger = Logger(label: "bench-sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
        let server = try await SandboxServer.start(configuration)
        let demo = SandboxAccounts.demo.buyWithPrime[0]
        let account = BuyWithPrimeCredentials(
            clientID: demo.clientId, clientSecret: Secret(demo.clientSecret), targetID: demo.targetId,
            endpoint: server.baseURL)
        let orders = SandboxOrders.seeded(for: .demo)[demo.targetId, default: []].map(\.id)
        return HTTPRuns(
            server: server,
            client: HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                configuration: HTTPClientTransport.configuration),
            account: account, orders: orders, inFlight: inFlight)
    }

    func stop() async throws {
        try await client.shutdown()
        try await server.stop()
    }

    /// Fetches/s through the `live` transport (its token cached by a first fetch).
    func live(total: Int) async throws -> Double {
        let transport = LiveTransport.descriptor(
            http: HTTPClientTransport(client: client),
            logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        _ = try await transport.buyWithPrime.order(id: orders[0], as: account)
        return try await callsPerSecond(total: total, inFlight: inFlight) { index in
            _ = try await transport.buyWithPrime.order(id: orders[index % orders.count], as: account)
        }
    }

    /// Fetches/s of the same requests from a bare client: one token, then the GraphQL POSTs,
    /// each answer read whole and its status checked.
    func bare(total: Int) async throws -> Double {
        let token = try await bareToken()
        let bodies = orders.map { BuyWithPrimeHTTPTransport.orderRequestBody(.id($0)) }
        return try await callsPerSecond(total: total, inFlight: inFlight) { index in
            var request = HTTPClientRequest(url: server.baseURL + "/graphql")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "x-api-target-id", value: account.targetID)
            request.headers.add(name: "x-api-version", value: account.apiVersion)
            request.body = .bytes(ByteBuffer(data: bodies[index % bodies.count]))
            let response = try await client.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok, body.readableBytes > 0 else {
                throw BareFailure(status: response.status.code)
            }
        }
    }

    private func bareToken() async throws -> String {
        var request = HTTPClientRequest(url: server.baseURL + "/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form =
            "grant_type=client_credentials&client_id=\(account.clientID)&client_secret=\(account.clientSecret.reveal())"
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        struct Token: Decodable { var access_token: String }
        return try JSONDecoder().decode(Token.self, from: Data(buffer: body)).access_token
    }

    struct BareFailure: Error { var status: UInt }
}

/// Runs `total` calls with `inFlight` at a time; returns calls per second.
func callsPerSecond(total: Int, inFlight: Int, _ call: @escaping @Sendable (Int) async throws -> Void) async throws
    -> Double
{
    let elapsed = try await seconds {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            while next < min(inFlight, total) {
                let index = next
                group.addTask { try await call(index) }
                next += 1
            }
            while try await group.next() != nil {
                if next < total {
                    let index = next
                    group.addTask { try await call(index) }
                    next += 1
                }
            }
        }
    }
    return Double(total) / elapsed
}
