import ChannelDomain
import EventSourcing
import Foundation
import Transport

extension LedgerService {
    /// Registers (or re-registers) the Salesforce connected app and authorizes it.
    ///
    /// The input is validated first, then Salesforce is asked; the registration and the
    /// answer are recorded together. An unreachable service records nothing.
    /// Checks a registration's input and transport before any secret is asked for.
    public func validateRegistration(consumerKey: String, myDomain: String, transport: String?) throws {
        _ = try ConnectedApp.validateRegistration(consumerKey: consumerKey, myDomain: myDomain)
        _ = try transports.resolve(transport)
    }

    public func registerConnectedApp(
        consumerKey: String, myDomain: String, secret: Secret, transport: String?, context: CommandContext
    ) async throws -> CommandResult<ConnectedAppSummary> {
        let input = try ConnectedApp.validateRegistration(consumerKey: consumerKey, myDomain: myDomain)
        let descriptor = try transports.resolve(transport)
        let sealed = try await vault().seal(secret)
        let outcome: AuthorizationOutcome
        do {
            _ = try await descriptor.salesforce.authorize(
                consumerKey: input.consumerKey, consumerSecret: secret, myDomain: input.myDomain)
            outcome = .authorized
        } catch TransportError.rejected(_, let code, let message) {
            outcome = .rejected(code: code, message: message)
        }
        let recorded = try await runner.run(
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
        var result = CommandResult(view: summary, changed: recorded.changed)
        if case .rejected(let code, let message) = outcome {
            result.rejection = .authorizationRejected(
                subject: "the connected app", service: Service.salesforce.rawValue, code: code, message: message,
                fix:
                    "check the consumer key, secret and My Domain and run `channel-ledger connected-app register` again"
            )
        }
        return result
    }
}
