import ChannelDomain
import EventSourcing
import Foundation
import Transport

extension LedgerService {
    /// The transport a first registration uses unless another is named: real HTTP.
    public static let defaultTransport = "live"

    /// Registers (or re-registers) the Salesforce connected app and authorizes it.
    ///
    /// The input, the transport and the master key are checked before the secret is asked
    /// for; then Salesforce is asked, and the registration and its answer are recorded
    /// together. An unreachable service records nothing.
    public func registerConnectedApp(
        consumerKey: String, myDomain: String, secret: () throws -> Secret, transport: String?, context: CommandContext
    ) async throws -> CommandResult<ConnectedAppSummary> {
        let input = try ConnectedApp.validateRegistration(consumerKey: consumerKey, myDomain: myDomain)
        // Unless named: the transport of the app in force (a re-registration stays where it was), else live.
        let current = try await connectedApp()?.state
        let descriptor = try await transports.resolve(
            transport ?? current?.inForce?.transport ?? current?.latest?.transport ?? Self.defaultTransport)
        let settings = try await callSettings()
        let vault = try await vault()
        let secret = try secret()
        let sealed = try vault.seal(secret)
        let org = settings.org(consumerKey: input.consumerKey, secret: secret, myDomain: input.myDomain)
        let outcome = try await authorization {
            _ = try await descriptor.salesforce.authorize(org)
        }
        let changed = try await runner.run(
            ConnectedApp.self, stream: Streams.connectedApp, codec: ConnectedAppEvent.codec, context: context,
            payload: { $0.payload }
        ) { _ in
            .register(
                RegisterConnectedApp(
                    consumerKey: input.consumerKey, myDomain: input.myDomain, secret: sealed,
                    transport: descriptor.name,
                    outcome: outcome))
        }
        guard let summary = try await connectedApp() else { throw LedgerError.connectedAppMissing }
        var result = CommandResult(view: summary, changed: changed)
        result.rejection = rejection(outcome, subject: .connectedApp, service: .salesforce)
        return result
    }
}
