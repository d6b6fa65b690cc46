import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The floor under intake: a Hummingbird server in this process that only takes a delivery (its
/// basic authorization compared, its body read and parsed as JSON) and answers 200, sent the same
/// envelopes by the same 16 senders as intake. No ledger is involved: what a webhook costs here
/// before anything is recorded.
enum WebhookFloor {
    /// Deliveries/s of `envelopes` to the bare server, `senders` at a time.
    static func run(envelopes: [Data], authorization: String, senders: Int) async throws -> Double {
        let router = Router()
        router.post("/webhooks/buy-with-prime/:subscription") { request, _ -> Response in
            guard request.headers[.authorization] == authorization else { return Response(status: .unauthorized) }
            let body = try await request.body.collect(upTo: 1 << 20)
            _ = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"recorded"}"#)))
        }
        let quiet = Logger(label: "bench-floor", factory: { _ in SwiftLogNoOpLogHandler() })
        let listening = AsyncStream<Int>.makeStream()
        let application = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in listening.continuation.yield(channel.localAddress?.port ?? 0) },
            logger: quiet)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: quiet))
        let serving = Task { try await group.run() }
        defer { serving.cancel() }
        var iterator = listening.stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw BenchError("the bare webhook server did not listen") }
        let rate = try await deliveries(
            envelopes, to: "http://127.0.0.1:\(port)/webhooks/buy-with-prime/bench", authorization: authorization,
            senders: senders)
        await group.triggerGracefulShutdown()
        _ = try? await serving.value
        return rate
    }

    /// Deliveries/s of `envelopes` POSTed to `url` by `senders` concurrent senders, each answer
    /// read whole and required to be 200 (intake's and the floor's senders alike).
    static func deliveries(_ envelopes: [Data], to url: String, authorization: String, senders: Int) async throws
        -> Double
    {
        // One connection per sender: AsyncHTTPClient's default of 8 per host would hold half of
        // 16 senders back.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = senders
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let rate = try await callsPerSecond(total: envelopes.count, inFlight: senders) { index in
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Authorization", value: authorization)
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(data: envelopes[index]))
                let response = try await client.execute(request, timeout: .seconds(60))
                _ = try await response.body.collect(upTo: 1 << 16)
                guard response.status == .ok else { throw BenchError("delivery answered \(response.status.code)") }
            }
            try await client.shutdown()
            return rate
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
