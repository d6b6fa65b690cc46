import AsyncHTTPClient
import ChannelDomain
import ChannelLedger
import EventSourcing
import Foundation
import LedgerWiring
import LiveHTTP
import LiveTransport
import Logging
import NIOCore
import SalesforceLive
import SandboxServer
import SandboxTransport
import Transport

/// Publishing over loopback against the sandbox server's org: `publish` passes of the ledger
/// (the `live` transport, one SQLite store) beside a bare AsyncHTTPClient loop making the same
/// Salesforce calls (per batch of 25: the query, then the composite of PATCHes), one at a time
/// as the publisher makes them.
struct PublishRuns {
    let http: HTTPRuns
    let service: LedgerService
    let channel: UUID
    let salesChannel: String
    let targetId: String
    private let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A ledger whose one live channel is published to the org of a fresh sandbox server.
    static func start(folder: String) async throws -> PublishRuns {
        let http = try await HTTPRuns.start(inFlight: 1)
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let configuration = LedgerConfiguration(
            transports: TransportRegistry([
                LiveTransport.descriptor(http: HTTPClientTransport(client: http.client), logger: quiet)
            ]),
            stores: Wiring.stores(logger: quiet), environment: [:], fixedKey: .ephemeral())
        let (service, _) = try await LedgerService.initialize(
            at: "\(folder)/publish-\(UUID().uuidString.prefix(8)).sqlite", context: CommandContext(actor: "bench"),
            configuration: configuration)
        let context = CommandContext(actor: "bench")
        let demo = SandboxAccounts.demo
        let registered = try await service.registerConnectedApp(
            consumerKey: demo.salesforce.consumerKey, myDomain: http.server.baseURL,
            secret: { Secret(demo.salesforce.consumerSecret) }, transport: "live", context: context)
        if let rejection = registered.rejection { throw rejection }
        let account = demo.buyWithPrime[0]
        _ = try await service.createChannel(
            named: account.name, transport: "live", endpoint: http.server.baseURL, context: context)
        _ = try await service.enterCredentials(
            account.name, clientID: account.clientId, targetID: account.targetId,
            secret: { Secret(account.clientSecret) }, context: context)
        if let rejection = try await service.authorizeChannel(account.name, context: context).rejection {
            throw rejection
        }
        _ = try await service.activateMappings(account.name, names: nil, context: context)
        _ = try await service.launchChannel(account.name, context: context)
        _ = try await service.publish(context: context)
        let state = try await service.channel(account.name).state
        guard let id = state.id, let salesChannel = state.published?.salesforceId else {
            throw BenchError("the channel was not published")
        }
        return PublishRuns(
            http: http, service: service, channel: id, salesChannel: salesChannel, targetId: account.targetId)
    }

    func stop() async throws { try await http.stop() }

    /// `count` new order ids, made to exist in the org as the managed package would.
    func ordersInTheOrg(_ count: Int, tag: String) async -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let id = String(format: "322-%@-%06d", tag, index)
            await http.server.createOrder(orderId: id)
            ids.append(id)
        }
        return ids
    }

    /// Orders/s of one `publish` pass over `count` new orders associated with the channel.
    func publish(count: Int, tag: String) async throws -> Double {
        let ids = await ordersInTheOrg(count, tag: tag)
        let time = Timestamp(Date())
        let metadata = EventMetadata(actor: "bench", source: "import")
        for first in stride(from: 0, to: count, by: 100) {
            let batches = try ids[first..<min(first + 100, count)].map { orderId in
                StreamBatch(
                    [
                        try NewEvent(
                            id: UUIDv7.make(at: time),
                            payload: OrderReceived(
                                orderId: orderId, targetId: targetId, currencies: ["USD"], skus: ["B0BENCH"],
                                lineCount: 1, totals: ["USD": "19.99"], emailDomain: "example.com"),
                            recordedAt: time, metadata: metadata),
                        try NewEvent(
                            id: UUIDv7.make(at: time),
                            payload: OrderAssociated(
                                channelId: channel, reason: .rule(name: "by-target-id", flowRevision: 0)),
                            recordedAt: time, metadata: metadata),
                    ], to: Streams.order(orderId), expected: .noStream)
            }
            try await service.store.append(batches: batches)
        }
        var outcome = PublishOutcome()
        let elapsed = try await seconds { outcome = try await service.publish(context: CommandContext(actor: "bench")) }
        guard outcome.ordersPublished == count else {
            throw BenchError("publish recorded \(outcome.ordersPublished) of \(count) orders")
        }
        return Double(count) / elapsed
    }

    /// Orders/s of the same calls from a bare client: a token, then per batch of 25 the query for
    /// the orders' ids and channel, and one composite of PATCHes, each answer read whole and checked.
    func bare(count: Int, tag: String) async throws -> Double {
        let ids = await ordersInTheOrg(count, tag: tag)
        let fields = OrderChannelFields(
            externalIDField: SettingKey.orderExternalIDField.defaultValue,
            channelField: SettingKey.orderChannelField.defaultValue)
        let base = http.server.baseURL + "/services/data/v\(SettingKey.salesforceAPIVersion.defaultValue)"
        let elapsed = try await seconds {
            let token = try await bareToken()
            for first in stride(from: 0, to: count, by: 25) {
                let batch = Array(ids[first..<min(first + 25, count)])
                let soql = SOQL.orders(batch, by: fields.externalIDField, reading: fields.channelField)
                var query = URLComponents(string: base + "/query")!
                query.queryItems = [URLQueryItem(name: "q", value: soql)]
                let found = try await call(HTTPClientRequest(url: query.url!.absoluteString), token: token)
                struct Rows: Decodable {
                    struct Row: Decodable { var Id: String }
                    var records: [Row]
                }
                let rows = try JSONDecoder().decode(Rows.self, from: found).records
                guard rows.count == batch.count else { throw BenchError("the query found \(rows.count) orders") }
                let subrequests = rows.enumerated().map { index, row in
                    Composite.Subrequest(
                        method: "PATCH",
                        url: "/services/data/v\(SettingKey.salesforceAPIVersion.defaultValue)/sobjects/Order/\(row.Id)",
                        referenceId: "order\(index)", body: [fields.channelField: salesChannel])
                }
                var composite = HTTPClientRequest(url: base + "/composite")
                composite.method = .POST
                composite.headers.add(name: "Content-Type", value: "application/json")
                composite.body = .bytes(
                    ByteBuffer(
                        data: try JSONEncoder().encode(Composite(allOrNone: false, compositeRequest: subrequests))))
                let answer = try await call(composite, token: token)
                guard
                    String(decoding: answer, as: UTF8.self).components(separatedBy: "\"httpStatusCode\":204").count
                        == batch.count + 1
                else { throw BenchError("a composite subrequest failed") }
            }
        }
        return Double(count) / elapsed
    }

    /// A composite request's body, as a client of its own would encode it (`Codable`; with
    /// `JSONSerialization` instead the bare client spent a fifth of its time encoding).
    private struct Composite: Encodable {
        struct Subrequest: Encodable {
            var method: String
            var url: String
            var referenceId: String
            var body: [String: String]
        }

        var allOrNone: Bool
        var compositeRequest: [Subrequest]
    }

    /// One authorized call; its body, or a thrown status.
    private func call(_ request: HTTPClientRequest, token: String) async throws -> Data {
        var request = request
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/json")
        let response = try await http.client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 22)
        guard response.status == .ok else { throw BenchError("Salesforce answered \(response.status.code)") }
        return Data(buffer: body)
    }

    /// The connected app's token, as the client-credentials flow gives it.
    private func bareToken() async throws -> String {
        let app = SandboxAccounts.demo.salesforce
        var request = HTTPClientRequest(url: http.server.baseURL + "/services/oauth2/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(
            ByteBuffer(
                string:
                    "grant_type=client_credentials&client_id=\(app.consumerKey)&client_secret=\(app.consumerSecret)"))
        let response = try await http.client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        struct Token: Decodable { var access_token: String }
        return try JSONDecoder().decode(Token.self, from: Data(buffer: body)).access_token
    }
}
