import ArgumentParser
import ChannelLedger
import EventSourcing
import Foundation
import LedgerPresentation
import Logging
import WebhookServer

extension ChannelLedgerCLI {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take Buy with Prime webhooks: POST /webhooks/buy-with-prime/SUBSCRIPTION, GET /health.",
            discussion: """
                Each delivery is authenticated with its subscription's basic credentials (`webhooks add`), read \
                (at most 1 MiB) and taken exactly once, as `orders import` takes a line: 200 when recorded or \
                recorded before, 202 for an order no live channel takes, 400 for what is not an event, 401 \
                unauthenticated, 413 too large, 503 when the order cannot be fetched yet (Buy with Prime delivers \
                again). Prints `serving webhooks on URL` once it listens; SIGINT or SIGTERM stop it after the \
                deliveries in flight (exit 0). Several processes may serve one store. Routes: Docs/openapi.yaml.
                """)

        @Option(help: "The address to listen on.") var host = "127.0.0.1"
        @Option(help: "The port; 0 picks a free one (the printed line tells which).") var port = 8080
        @Option(name: .customLong("tls-cert"), help: "A PEM certificate chain to serve HTTPS with.") var tlsCert:
            String?
        @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.") var tlsKey: String?
        @Flag(help: "Serve plain HTTP on a non-loopback --host, for a proxy that terminates TLS in front.")
        var plainHTTPBehindProxy = false
        @Flag(
            inversion: .prefixedNo,
            help:
                "Run the publisher beside intake: a pass whenever new events commit, or every --publish-every seconds.")
        var publisher = true
        @Option(
            help: "Seconds between the publisher's passes when nothing new commits (deferred orders are tried again).")
        var publishEvery = 30
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
            guard (1...86_400).contains(publishEvery) else {
                throw ValidationError("--publish-every takes 1 to 86400 seconds, e.g. --publish-every 30")
            }
            if (tlsCert == nil) != (tlsKey == nil) {
                throw ValidationError("--tls-cert and --tls-key go together; give both, or neither for plain HTTP")
            }
            if tlsCert == nil, !plainHTTPBehindProxy, !WebhookServer.isLoopback(host) {
                throw ValidationError(
                    "--host \(host) is not loopback and no --tls-cert is given: webhook passwords would cross the network in clear; give --tls-cert and --tls-key, or --plain-http-behind-proxy when a proxy terminates TLS"
                )
            }
        }

        func run() async throws {
            try await global.run {
                let service = try await global.openService()
                _ = try await service.vault()  // a key that cannot open the passwords fails here, not per delivery
                if try await service.webhookSubscriptions().isEmpty {
                    Console.note("no webhook subscriptions yet: every delivery gets 401 until `\(Self.add)`")
                }
                var logger = Logger(label: "webhooks")
                // One line per delivery (info) unless --log-level says otherwise.
                let levelGiven = CommandLine.arguments.contains { $0 == "--log-level" || $0.hasPrefix("--log-level=") }
                logger.logLevel = levelGiven ? global.options.logLevel : .info
                let configuration = WebhookServer.Configuration(
                    host: host, port: port,
                    tls: tlsCert.flatMap { cert in tlsKey.map { WebhookServer.TLSFiles(certificate: cert, key: $0) } },
                    describe: { FailureReport.message(of: $0) }, logger: logger)
                do {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            try await WebhookServer(service: service, configuration: configuration).run { url in
                                Console.print("serving webhooks on \(url)")
                            }
                        }
                        if publisher {
                            // Beside intake, as a service of its own; it stops when the server has stopped.
                            group.addTask { [logger] in
                                let actor = global.actor ?? "publisher"
                                await service.runPublisher(
                                    context: { CommandContext(actor: actor) }, idle: .seconds(publishEvery),
                                    logger: logger, describe: { FailureReport.message(of: $0) })
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                    logger.info("stopped: the deliveries in flight were answered")
                } catch let error as WebhookServerError {
                    throw ServeError.cannotStart(error.description)
                } catch {
                    throw ServeError.cannotStart(
                        "cannot serve on \(host):\(port) (\(error)); choose another --port, or --port 0")
                }
            }
        }

        static let add = "channel-ledger webhooks add SUBSCRIPTION --username USER --password-stdin"
    }
}

/// Why `serve` could not start.
enum ServeError: Error, Advised, ClassifiedError {
    case cannotStart(String)

    var advice: String {
        switch self {
        case .cannotStart(let line): line
        }
    }

    var failureClass: FailureClass { .usage }
}
