import Hummingbird
import Logging
import SandboxTransport
import ServiceLifecycle
import Transport

/// The sandbox over HTTP: Buy with Prime's token endpoint and GraphQL API and the Salesforce org's
/// token endpoint and REST API on one loopback base URL, with the in-process sandbox's accounts and
/// error shapes, seeded orders, a request log and planned faults (Docs/transports.md, "The wire").
///
/// In a test, start one on a free port and stop it when done:
///
/// ```swift
/// let server = try await SandboxServer.start()
/// let endpoint = server.baseURL  // "http://127.0.0.1:54321"
/// …
/// try await server.stop()
/// ```
///
/// or use ``withRunning(_:_:)``, or hand ``application(onListening:)`` to HummingbirdTesting
/// (`.test(.live)`).
public struct SandboxServer: Sendable {
    /// How the server listens and what it serves.
    public let configuration: Configuration
    /// The accounts, orders, tokens, org records, log and faults, shared by every call.
    let state: SandboxState

    /// A server for `configuration`, with fresh state (seeded orders, no tokens, an empty log).
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        state = SandboxState(
            accounts: configuration.accounts, ordersPerAccount: configuration.ordersPerAccount,
            notCreated: configuration.ordersNotCreated, tokenLifetime: configuration.buyWithPrimeTokenLifetime)
    }

    /// The Hummingbird application serving both APIs and the `/_sandbox/` routes; `onListening` gets
    /// the base URL (`http://HOST:PORT`, the port the system picked when the configured one is 0).
    /// Throws ``SandboxServerError/notLoopback(_:)`` for a host that is not loopback: the sandbox
    /// is a test server with public secrets.
    public func application(onListening: @escaping @Sendable (String) async -> Void = { _ in }) throws
        -> some ApplicationProtocol
    {
        let host = configuration.host
        guard Self.isLoopback(host) else { throw SandboxServerError.notLoopback(host) }
        let configuredPort = configuration.port
        let state = state
        return Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuredPort)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuredPort
                await state.listening(at: Self.baseURL(host: channel.localAddress?.ipAddress ?? host, port: port))
                await onListening(Self.baseURL(host: host, port: port))
            },
            logger: configuration.logger)
    }

    /// Serves until SIGINT or SIGTERM, then stops gracefully (open calls finish first).
    public func run(onListening: @escaping @Sendable (String) async -> Void) async throws {
        try await application(onListening: onListening).runService(gracefulShutdownSignals: [.sigint, .sigterm])
    }

    /// Starts a server and returns once it listens; ``RunningSandboxServer/stop()`` stops it.
    public static func start(_ configuration: Configuration = Configuration()) async throws -> RunningSandboxServer {
        let server = SandboxServer(configuration: configuration)
        let listening = ListeningSignal()
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [try server.application { listening.succeed($0) }], logger: configuration.logger))
        let task = Task {
            do {
                try await group.run()
                listening.fail(SandboxServerError.stoppedBeforeListening)
            } catch {
                listening.fail(error)
                throw error
            }
        }
        let baseURL = try await listening.wait()
        return RunningSandboxServer(server: server, baseURL: baseURL, group: group, task: task)
    }

    /// Starts a server, runs `body` with it, then stops it, whether `body` threw or not.
    @discardableResult
    public static func withRunning<Value: Sendable>(
        _ configuration: Configuration = Configuration(),
        _ body: (RunningSandboxServer) async throws -> Value
    ) async throws -> Value {
        let server = try await start(configuration)
        do {
            let value = try await body(server)
            try await server.stop()
            return value
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// `http://HOST:PORT`, with an IPv6 host in brackets.
    public static func baseURL(host: String, port: Int) -> String {
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        return "http://\(bare.contains(":") ? "[\(bare)]" : bare):\(port)"
    }

    /// Whether `host` names this machine only: `localhost`, `::1` or an address in 127.0.0.0/8.
    /// The sandbox is a test server with public secrets and refuses any other address.
    public static func isLoopback(_ host: String) -> Bool { LoopbackHost.contains(host) }
}

/// Why a started server could not be used.
public enum SandboxServerError: Error, Equatable, CustomStringConvertible {
    /// The server stopped before it listened.
    case stoppedBeforeListening
    /// The configured host is not loopback.
    case notLoopback(String)

    /// One line.
    public var description: String {
        switch self {
        case .stoppedBeforeListening: "the sandbox server stopped before it listened"
        case .notLoopback(let host): "the sandbox server listens on loopback only, not on \(host)"
        }
    }
}
