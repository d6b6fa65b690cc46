import ChannelDomain
import ChannelLedgerTesting
import Testing

@Suite("Connected app revoked by Salesforce")
struct ConnectedAppRevocationTests {
    typealias C = ConnectedAppTests
    static let revoked = ConnectedAppEvent.authorizationRevoked(
        ConnectedAppAuthorizationRevoked(
            consumerKey: "3MVG9key", fingerprint: Fixture.secret.fingerprint, code: "invalid_client",
            message: "invalid client credentials"))

    @Test("Salesforce refusing the app in force ends its authorization: revoked, not authorized, nothing goes live")
    func revoke() {
        let state = Spec(ConnectedApp.self)
            .given([C.registered(), C.authorized()])
            .when(
                .revoke(
                    fingerprint: Fixture.secret.fingerprint, code: "invalid_client",
                    message: "invalid client credentials")
            )
            .then([Self.revoked])
        #expect(!state.isAuthorized)
        #expect(state.authorization == .revoked)
        #expect(state.revocation?.failure.code == "invalid_client")
        #expect(state.latest?.transport == "sandbox", "a new registration starts from the revoked one's transport")
    }

    @Test("a refusal of a registration no longer in force, or of none, records nothing")
    func revokeStale() {
        Spec(ConnectedApp.self)
            .given([C.registered(), C.authorized()])
            .when(.revoke(fingerprint: "ffffffffffffffff", code: "invalid_client", message: "x"))
            .thenNothing()
        Spec(ConnectedApp.self)
            .when(.revoke(fingerprint: Fixture.secret.fingerprint, code: "invalid_client", message: "x"))
            .thenNothing()
        Spec(ConnectedApp.self)
            .given([C.registered(), C.authorized(), Self.revoked])
            .when(.revoke(fingerprint: Fixture.secret.fingerprint, code: "invalid_client", message: "x"))
            .thenNothing()
    }

    @Test("registering and authorizing again puts an app back in force")
    func registerAgain() {
        let state = Spec(ConnectedApp.self)
            .given([C.registered(), C.authorized(), Self.revoked])
            .when(C.register())
            .then([C.registered(), C.authorized()])
        #expect(state.isAuthorized && state.authorization == .authorized)
        #expect(state.revocation == nil)
    }
}
