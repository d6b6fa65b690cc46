import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// A tiny Hummingbird app speaking the part of the wire contract (Docs/transports.md) that the
/// plumbing tests need: both token endpoints, `POST /graphql` (`__typename` and one order),
/// the Salesforce query, and the sandbox server's `/_sandbox/faults` and `/_sandbox/requests`.
///
/// It stands in for the sandbox server (the CLI's `sandbox serve`) until that server is on this branch; the tests
/// reach it only through those routes, so ``TestServer`` can point them at the real one.
enum PlumbingServer {
    /// The only order the fake knows.
    static let orderID = "322-ABC1-AAAAAA"
    /// The client secret the fake refuses with `invalid_client`.
    static let refusedSecret = "refused-secret"

    static func application(logger: Logger = Logger(label: "plumbing-server")) -> some ApplicationProtocol {
        let state = PlumbingState()
        let router = Router()
        router.post("/token") { request, _ in
            try await state.handle("POST /token", api: "buy-with-prime", request) { form, _ in
                if form["client_secret"] == refusedSecret {
                    return (401, #"{"error": "invalid_client", "error_description": "Client authentication failed"}"#)
                }
                return (
                    200,
                    #"{"access_token": "test-token-\#(UUID().uuidString)", "token_type": "Bearer", "expires_in": 900}"#
                )
            }
        }
        router.post("/graphql") { request, _ in
            try await state.handle("POST /graphql", api: "buy-with-prime", request) { _, body in
                guard request.headers[.authorization]?.hasPrefix("Bearer test-token-") == true else {
                    return (
                        401, #"{"errors": [{"message": "no token", "extensions": {"errorType": "AccessDeniedError"}}]}"#
                    )
                }
                if body.contains("__typename") { return (200, #"{"data": {"__typename": "Query"}}"#) }
                if body.contains(#""orderId":"\#(orderID)""#) { return (200, #"{"data": {"order": \#(orderJSON)}}"#) }
                return (
                    200,
                    #"{"data": null, "errors": [{"message": "no such order", "extensions": {"errorType": "ResourceNotFoundError"}}]}"#
                )
            }
        }
        router.post("/services/oauth2/token") { request, _ in
            try await state.handle("POST /services/oauth2/token", api: "salesforce", request) { form, _ in
                if form["client_secret"] == refusedSecret {
                    return (400, #"{"error": "invalid_client", "error_description": "invalid client credentials"}"#)
                }
                let instance = "http://" + (request.head.authority ?? "localhost")
                return (
                    200,
                    #"{"access_token": "sf-token-\#(UUID().uuidString)", "instance_url": "\#(instance)", "id": "x", "token_type": "Bearer", "issued_at": "1700000000000"}"#
                )
            }
        }
        router.get("/services/data/v62.0/query") { request, _ in
            try await state.handle("GET /services/data/v62.0/query", api: "salesforce", request) { _, _ in
                guard request.headers[.authorization]?.hasPrefix("Bearer sf-token-") == true else {
                    return (401, expiredSession)
                }
                return (200, #"{"totalSize": 0, "done": true, "records": []}"#)
            }
        }
        router.post("/_sandbox/faults") { request, _ in
            let fault = try JSONDecoder().decode(
                Fault.self, from: Data(try await request.body.collect(upTo: 4096).readableBytesView))
            await state.add(fault)
            return Response(status: .noContent)
        }
        router.get("/_sandbox/requests") { _, _ in
            let data = try JSONEncoder().encode(await state.recorded)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.delete("/_sandbox/requests") { _, _ in
            await state.clear()
            return Response(status: .noContent)
        }
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
    }

    static let expiredSession = #"[{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]"#

    /// The documented order, as the query selects it.
    static let orderJSON = """
        {"id": "322-ABC1-AAAAAA",
         "aliases": [{"aliasType": "EXTERNAL_ID", "aliasId": "SHOP-1001"}],
         "customer": {"bwpCustomerId": "cust-1", "contact": {"name": "Ada Lovelace", "email": "ada@example.com"}},
         "lineItems": [{"id": "line-1", "amount": {"unit": "ONE", "value": 2},
                        "product": {"amazonSku": {"value": "SKU-1"}, "externalId": {"value": "EXT-1"},
                                    "price": {"amount": "19.99", "currencyCode": "USD"}}}]}
        """

    /// `POST /_sandbox/faults`: the next `count` calls of `route` answer with `fault`.
    struct Fault: Codable, Sendable {
        var route: String
        var count: Int
        var fault: String
        var retryAfter: Int?
        var delayMs: Int?
    }

    /// One entry of `GET /_sandbox/requests`.
    struct Recorded: Codable, Sendable {
        var time: String
        var api: String
        var method: String
        var path: String
        var status: Int
        var targetId: String?
        var clientId: String?
    }
}
