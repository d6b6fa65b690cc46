import ChannelLedger
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Transport

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Buy with Prime webhooks over HTTP(S): `POST /webhooks/buy-with-prime/{subscription}` takes a
/// delivery into the ledger (``LedgerService/receive(_:context:)``), `GET /health` says whether the
/// store answers. Docs/openapi.yaml describes both routes and every answer.
///
/// A delivery is checked by the verification policy first (HTTP basic against the subscription's
/// credentials unless told otherwise), then read whole (at most ``Configuration/maximumBodySize``),
/// then taken. Whatever fails, nothing is half-recorded: an intake append is one transaction.
public struct WebhookServer: Sendable {
    /// How the server listens and checks deliveries.
    public let configuration: Configuration
    /// The ledger deliveries go into.
    let service: LedgerService

    /// A server taking deliveries into `service`.
    public init(service: LedgerService, configuration: Configuration) {
        self.service = service
        self.configuration = configuration
    }

    /// The Hummingbird application; `onListening` gets the base URL (`http(s)://HOST:PORT`, the
    /// port the system picked when the configured one is 0).
    public func application(onListening: @escaping @Sendable (String) async -> Void = { _ in }) throws
        -> some ApplicationProtocol
    {
        let (host, configuredPort) = (configuration.host, configuration.port)
        let scheme = configuration.tls == nil ? "http" : "https"
        let server: HTTPServerBuilder =
            if let tls = configuration.tls { try .tls(.http1(), tlsConfiguration: try tls.configuration()) } else {
                .http1()
            }
        return Application(
            router: router(),
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: configuredPort), serverName: "channel-ledger"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuredPort
                let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
                await onListening("\(scheme)://\(bare.contains(":") ? "[\(bare)]" : bare):\(port)")
            },
            logger: configuration.logger)
    }

    /// Serves until SIGINT or SIGTERM, then stops gracefully: the server stops accepting, the
    /// deliveries in flight finish, then it returns.
    public func run(onListening: @escaping @Sendable (String) async -> Void) async throws {
        do {
            try await application(onListening: onListening).runService(gracefulShutdownSignals: [.sigint, .sigterm])
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw WebhookServerError.addressInUse(host: configuration.host, port: configuration.port)
        }
    }

    /// The routes.
    func router() -> Router<WebhookRequestContext> {
        let router = Router(context: WebhookRequestContext.self)
        router.add(middleware: UnknownRouteAnswer())
        let intake = WebhookIntake(service: service, configuration: configuration)
        router.get("/health") { _, _ in await intake.health() }
        router.post("/webhooks/buy-with-prime/:subscription") { request, context in
            await intake.deliver(request, subscription: context.parameters.get("subscription") ?? "")
        }
        Self.refuseOtherMethods(on: "/health", allowing: .get, router)
        Self.refuseOtherMethods(on: "/webhooks/buy-with-prime/:subscription", allowing: .post, router)
        return router
    }

    /// `QUERY` (the safe method with a body, an IETF draft): refused like the others.
    private static let query = HTTPRequest.Method("QUERY")!

    /// Answers every other method on a route with 405 and the `Allow` header, as HTTP says
    /// (the router alone would answer 404, as if the path did not exist).
    private static func refuseOtherMethods(
        on path: RouterPath, allowing allowed: HTTPRequest.Method, _ router: Router<WebhookRequestContext>
    ) {
        let others: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace, query]
        for method in others where method != allowed {
            router.on(path, method: method) { _, _ in
                Response.json(
                    .methodNotAllowed,
                    ErrorAnswer(error: "\(method.rawValue) is not served here; use \(allowed.rawValue)"),
                    headers: [.allow: allowed.rawValue])
            }
        }
    }
}

/// Whether `host` names this machine only: `localhost`, `::1` or an address in 127.0.0.0/8.
extension WebhookServer {
    /// Whether `host` is a loopback address, where plain HTTP never leaves the machine.
    public static func isLoopback(_ host: String) -> Bool { LoopbackHost.contains(host) }
}
