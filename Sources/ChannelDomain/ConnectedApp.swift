import EventSourcing
import Foundation

/// The decider of the connected app stream (`connected-app`): the Salesforce credentials every channel needs.
public enum ConnectedApp: Decider {
    /// The connected app's one command: register.
    public typealias Command = ConnectedAppCommand
    /// The connected app's events: registered, then authorized or failed.
    public typealias Event = ConnectedAppEvent
    /// The connected app as its events left it.
    public typealias State = ConnectedAppState

    /// A connected app that was never registered.
    public static var initialState: ConnectedAppState { ConnectedAppState() }

    /// Checks and normalizes a registration: a consumer key without whitespace and a My Domain
    /// (`https://host`, or `http://` on a loopback host: a local sandbox server).
    public static func validateRegistration(consumerKey: String, myDomain: String) throws -> (
        consumerKey: String, myDomain: String
    ) {
        let key = try TextRule.key.check(consumerKey).mapError { DomainError.invalidConsumerKey(problem: $0) }.get()
        return (key, try normalizedDomain(myDomain))
    }

    private static func normalizedDomain(_ raw: String) throws -> String {
        guard let domain = Endpoint.normalized(raw, allowsPath: false) else {
            throw DomainError.invalidMyDomain(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return domain
    }

    /// The events a registration causes: registered, then authorized or failed.
    ///
    /// Nothing when it registers exactly the app in force, authorized, and no other registration is pending.
    public static func decide(_ command: ConnectedAppCommand, _ state: ConnectedAppState) throws -> [ConnectedAppEvent]
    {
        switch command {
        case .revoke(let fingerprint, let code, let message):
            // Only the registration that was refused: a newer one in force meanwhile stands.
            guard let inForce = state.inForce, inForce.secret.fingerprint == fingerprint else { return [] }
            return [
                .authorizationRevoked(
                    ConnectedAppAuthorizationRevoked(
                        consumerKey: inForce.consumerKey, fingerprint: fingerprint, code: code, message: message))
            ]
        case .register(let register):
            let (key, domain) = try validateRegistration(consumerKey: register.consumerKey, myDomain: register.myDomain)
            let fingerprint = register.secret.fingerprint
            let registration = ConnectedAppRegistration(
                consumerKey: key, myDomain: domain, secret: register.secret, transport: register.transport)
            if state.pending == nil, state.inForce?.registersSameApp(as: registration) == true,
                register.outcome == .authorized
            {
                return []
            }
            let registered = ConnectedAppEvent.registered(
                ConnectedAppRegistered(
                    consumerKey: key, myDomain: domain, secret: register.secret, transport: register.transport)
            )
            switch register.outcome {
            case .authorized:
                return [registered, .authorized(ConnectedAppAuthorized(consumerKey: key, fingerprint: fingerprint))]
            case .rejected(let code, let message):
                return [
                    registered,
                    .authorizationFailed(
                        ConnectedAppAuthorizationFailed(
                            consumerKey: key,
                            fingerprint: fingerprint,
                            code: code,
                            message: message
                        )),
                ]
            }
        }
    }

    /// The state after one more event.
    public static func evolve(_ state: ConnectedAppState, _ event: ConnectedAppEvent) -> ConnectedAppState {
        var state = state
        switch event {
        case .registered(let registered):
            // A registration is pending until Salesforce authorizes it; the one in force stays.
            state.pending = PendingConnectedApp(
                registration: ConnectedAppRegistration(
                    consumerKey: registered.consumerKey,
                    myDomain: registered.myDomain,
                    secret: registered.secret,
                    transport: registered.transport
                ))
        case .authorized:
            if let pending = state.pending {
                state.inForce = pending.registration
                state.pending = nil
                state.revocation = nil
            }
        case .authorizationRevoked(let revoked):
            if let inForce = state.inForce {
                state.revocation = RevokedConnectedApp(
                    registration: inForce, failure: AuthorizationFailure(code: revoked.code, message: revoked.message))
            }
            state.inForce = nil
        case .authorizationFailed(let failed):
            state.pending?.failure = AuthorizationFailure(code: failed.code, message: failed.message)
        }
        return state
    }
}
