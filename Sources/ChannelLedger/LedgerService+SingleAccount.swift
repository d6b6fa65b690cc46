import ChannelDomain
import EventSourcing
import Transport

/// Writing a single-account ledger (format 0), the way releases before channels wrote one: only
/// for the upgrade's fixture (`Tests/Fixtures/make-ledger-format-0.sh`) and its tests. Nothing the
/// CLI runs writes this format.
extension LedgerService {
    /// Authorizes the one account's credentials against Buy with Prime through `transport`, then
    /// records `AccountCredentialsAuthorized` with the secret sealed; a rejection throws and records nothing.
    @_spi(Fixtures) public func authorizeAccount(
        clientID: String, targetID: String, secret: Secret, transport: String, endpoint: String?,
        context: CommandContext
    ) async throws {
        let descriptor = try await transports.resolve(transport)
        let endpoint = endpoint ?? descriptor.defaultBuyWithPrimeEndpoint
        let settings = try await callSettings()
        _ = try await descriptor.buyWithPrime.authorize(
            settings.account(clientID: clientID, secret: secret, targetID: targetID, endpoint: endpoint))
        let sealed = try await vault().seal(secret)
        try await runner.run(
            Ledger.self, stream: Streams.ledger, codec: LedgerEvent.codec, context: context, payload: { $0.payload }
        ) { _ in
            .recordAccount(
                AccountCredentialsAuthorized(
                    clientId: clientID, targetId: targetID, secret: sealed, transport: descriptor.name,
                    endpoint: endpoint))
        }
    }
}
