import ChannelLedger
import Foundation
import Logging
import NIOSSL

extension WebhookServer {
    /// How the server listens and checks deliveries.
    public struct Configuration: Sendable {
        /// The address to listen on.
        public var host: String
        /// The port; 0 picks a free one.
        public var port: Int
        /// The certificate and key to serve HTTPS with; nil serves plain HTTP.
        public var tls: TLSFiles?
        /// How deliveries are authenticated; nil: HTTP basic against the subscription's credentials.
        public var verification: (any WebhookVerification)?
        /// The largest body taken; a larger one is answered 413 and nothing is recorded.
        public var maximumBodySize: Int
        /// The one line an error is reported with (the CLI's, so a delivery's answer says what the CLI would).
        public var describe: @Sendable (any Error) -> String
        /// The class of an error (the CLI's, which knows its stores' errors): unavailable and
        /// conflict are answered 503, so the sender delivers again.
        public var failureClass: @Sendable (any Error) -> FailureClass?
        /// Where the server logs one line per delivery (never a secret or personal data).
        public var logger: Logger

        /// A configuration; by default loopback, a free port, plain HTTP, basic auth, 1 MiB.
        public init(
            host: String = "127.0.0.1", port: Int = 0, tls: TLSFiles? = nil,
            verification: (any WebhookVerification)? = nil, maximumBodySize: Int = 1 << 20,
            describe: @escaping @Sendable (any Error) -> String = { String(describing: $0) },
            failureClass: @escaping @Sendable (any Error) -> FailureClass? = {
                ($0 as? any ClassifiedError)?.failureClass
            },
            logger: Logger = Logger(label: "webhook-server")
        ) {
            self.host = host
            self.port = port
            self.tls = tls
            self.verification = verification
            self.maximumBodySize = maximumBodySize
            self.describe = describe
            self.failureClass = failureClass
            self.logger = logger
        }
    }

    /// A PEM certificate chain and its private key.
    public struct TLSFiles: Sendable, Equatable {
        /// The certificate chain's PEM file.
        public var certificate: String
        /// The private key's PEM file.
        public var key: String

        /// Files to serve HTTPS with.
        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }

        /// The server-side TLS configuration, or ``WebhookServerError/unreadableTLSFile(_:reason:)``.
        func configuration() throws -> TLSConfiguration {
            let chain: [NIOSSLCertificate]
            let privateKey: NIOSSLPrivateKey
            do {
                chain = try NIOSSLCertificate.fromPEMFile(certificate)
            } catch {
                throw WebhookServerError.unreadableTLSFile(certificate, reason: "not a PEM certificate")
            }
            do {
                privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
            } catch {
                throw WebhookServerError.unreadableTLSFile(key, reason: "not a PEM private key")
            }
            return TLSConfiguration.makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        }
    }
}

/// Why the webhook server cannot start.
public enum WebhookServerError: Error, Equatable, CustomStringConvertible {
    /// A TLS file that cannot be read as what it should be.
    case unreadableTLSFile(String, reason: String)
    /// Another process listens on the address already.
    case addressInUse(host: String, port: Int)

    /// One line.
    public var description: String {
        switch self {
        case .unreadableTLSFile(let path, let reason): "\(path) is \(reason); give a PEM file"
        case .addressInUse(let host, let port):
            "port \(port) on \(host) is taken by another process; choose another --port, or --port 0 for a free one"
        }
    }
}
