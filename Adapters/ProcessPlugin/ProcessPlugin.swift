import Foundation
import Logging
import Transport

/// A transport that is an external process speaking the protocol of Docs/transport-protocol.md:
/// the executable `channel-ledger-transport-NAME` is the transport `NAME`.
public struct ProcessPlugin: Sendable {
    let connection: PluginConnection

    /// A plugin at `path`, started (with `environment`) on the first call that needs it; its
    /// stderr goes to `logger` at debug.
    public init(
        name: String, path: String, environment: [String: String], logger: Logger,
        patience: PluginProtocol.Patience = .standard
    ) {
        connection = PluginConnection(
            name: name, path: path, environment: PluginProtocol.environment(from: environment), logger: logger,
            patience: patience)
    }

    /// The transport's name.
    public var name: String { connection.name }
    /// The executable.
    public var path: String { connection.path }

    /// The plugin described by its handshake: its ports, the operations it supports, its default
    /// endpoint. Starts it if it does not run; throws ``PluginFailure`` when it cannot.
    public func descriptor() async throws -> TransportDescriptor {
        let handshake = try await connection.handshake()
        let summary = handshake.summary.map { ": \($0)" } ?? ""
        return TransportDescriptor(
            name: name, summary: "\(handshake.name) \(handshake.version)\(summary)",
            buyWithPrime: PluginBuyWithPrime(plugin: self), salesforce: PluginSalesforce(plugin: self),
            capabilities: handshake.capabilities, defaultBuyWithPrimeEndpoint: handshake.defaultBuyWithPrimeEndpoint)
    }

    /// Calls one operation: refused as unsupported without reaching the plugin when its handshake
    /// did not claim it; a plugin that fails is `unavailable`; an answer that does not read is
    /// `malformedAnswer`; an error the plugin reports is the transport error of its kind.
    func call<Answer: Decodable>(
        _ operation: TransportOperation, _ params: some Encodable, budget: Duration, as: Answer.Type = Answer.self
    ) async throws -> Answer {
        let service = operation.service
        do {
            guard try await connection.handshake().capabilities.contains(operation) else {
                throw TransportError.unsupported(service: service, operation: operation.rawValue)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let outcome = try await connection.call(
                operation.rawValue, params: try encoder.encode(params), budget: budget)
            switch outcome {
            case .failure(let error):
                throw error.transportError(service, plugin: name, operation: operation.rawValue)
            case .success(let data):
                do {
                    return try JSONDecoder().decode(Answer.self, from: data)
                } catch {
                    throw TransportError.malformedAnswer(
                        service: service,
                        reason: "plugin \(name) answered \(operation.rawValue) with an unreadable result")
                }
            }
        } catch let failure as PluginFailure {
            throw TransportError.unavailable(service: service, reason: failure.description)
        }
    }
}
