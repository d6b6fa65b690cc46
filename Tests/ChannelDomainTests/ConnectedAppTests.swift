import ChannelDomain
import ChannelLedgerTesting
import Testing

@Suite("Connected app")
struct ConnectedAppTests {
    static let domain = "https://acme.my.salesforce.com"

    static func register(
        key: String = "3MVG9key",
        domain: String = ConnectedAppTests.domain,
        secret: SealedSecret = Fixture.secret,
        transport: String = "sandbox",
        outcome: AuthorizationOutcome = .authorized
    ) -> ConnectedAppCommand {
        .register(
            RegisterConnectedApp(
                consumerKey: key, myDomain: domain, secret: secret, transport: transport, outcome: outcome))
    }

    static func registered(secret: SealedSecret = Fixture.secret, domain: String = ConnectedAppTests.domain)
        -> ConnectedAppEvent
    {
        .registered(
            ConnectedAppRegistered(consumerKey: "3MVG9key", myDomain: domain, secret: secret, transport: "sandbox"))
    }

    static func authorized(secret: SealedSecret = Fixture.secret) -> ConnectedAppEvent {
        .authorized(ConnectedAppAuthorized(consumerKey: "3MVG9key", fingerprint: secret.fingerprint))
    }

    static func failed(secret: SealedSecret = Fixture.secret) -> ConnectedAppEvent {
        .authorizationFailed(
            ConnectedAppAuthorizationFailed(
                consumerKey: "3MVG9key", fingerprint: secret.fingerprint, code: "invalid_client",
                message: "invalid client credentials"
            ))
    }

    static let rejected = AuthorizationOutcome.rejected(code: "invalid_client", message: "invalid client credentials")

    @Test(
        "My Domain is normalized to https://host",
        arguments: [
            ("https://acme.my.salesforce.com", "https://acme.my.salesforce.com"),
            ("https://acme.my.salesforce.com/", "https://acme.my.salesforce.com"),
            ("  HTTPS://Acme.My.Salesforce.com/ ", "https://acme.my.salesforce.com"),
            ("acme.my.salesforce.com", "https://acme.my.salesforce.com"),
            ("https://localhost:8443", "https://localhost:8443"),
        ])
    func normalizesDomain(raw: String, expected: String) throws {
        let result = try ConnectedApp.validateRegistration(consumerKey: " 3MVG9key ", myDomain: raw)
        #expect(result.consumerKey == "3MVG9key")
        #expect(result.myDomain == expected)
    }

    @Test(
        "a My Domain that is not an https URL with a host is refused",
        arguments: [
            "", "http://acme.my.salesforce.com", "ftp://acme.my.salesforce.com", "https://", "https:///path",
            "https://acme.my.salesforce.com/services", "https://acme.my.salesforce.com?x=1",
            "https://user@acme.my.salesforce.com",
            "acme my salesforce com",
        ])
    func refusesDomain(raw: String) {
        #expect(throws: DomainError.invalidMyDomain(raw)) {
            try ConnectedApp.validateRegistration(consumerKey: "3MVG9key", myDomain: raw)
        }
    }

    @Test(
        "the consumer key must be non-empty without whitespace",
        arguments: [("", InputProblem.empty), (" ", .empty), ("3MVG 9", .whitespace)])
    func refusesKey(key: String, problem: InputProblem) {
        #expect(throws: DomainError.invalidConsumerKey(problem: problem)) {
            try ConnectedApp.validateRegistration(consumerKey: key, myDomain: Self.domain)
        }
    }

    /// A third secret, for a registration after a rejected one.
    static let thirdSecret = SealedSecret(ciphertext: "c2VhbGVkLXNlY3JldC0z", fingerprint: "0f1e2d3c4b5a6978")

    static func registration(secret: SealedSecret = Fixture.secret) -> ConnectedAppRegistration {
        ConnectedAppRegistration(
            consumerKey: "3MVG9key", myDomain: Self.domain, secret: secret, transport: "sandbox")
    }

    static let failure = AuthorizationFailure(code: "invalid_client", message: "invalid client credentials")

    @Test("an authorized registration records registered then authorized, and puts it in force")
    func registerAuthorized() {
        let state = Spec(ConnectedApp.self)
            .when(Self.register(domain: "acme.my.salesforce.com/"))
            .then([Self.registered(), Self.authorized()])
        #expect(state.isAuthorized)
        #expect(state.authorization == .authorized)
        #expect(state == ConnectedAppState(inForce: Self.registration(), pending: nil))
    }

    @Test("a rejected first registration records registered then failed, and stays pending")
    func registerRejected() {
        let state = Spec(ConnectedApp.self)
            .when(Self.register(outcome: Self.rejected))
            .then([Self.registered(), Self.failed()])
        #expect(!state.isAuthorized)
        #expect(state.authorization == .failed)
        #expect(
            state
                == ConnectedAppState(
                    inForce: nil, pending: PendingConnectedApp(registration: Self.registration(), failure: Self.failure)
                ))
    }

    @Test("registering exactly the app in force again, authorized, records nothing")
    func registerSame() {
        Spec(ConnectedApp.self)
            .given([Self.registered(), Self.authorized()])
            .when(Self.register(key: " 3MVG9key", domain: "acme.my.salesforce.com"))
            .thenNothing()
        Spec(ConnectedApp.self)
            .given([
                Self.registered(), Self.authorized(), Self.registered(secret: Fixture.otherSecret),
                Self.failed(secret: Fixture.otherSecret), Self.registered(secret: Self.thirdSecret),
                Self.authorized(secret: Self.thirdSecret),
            ])
            .when(Self.register(secret: Self.thirdSecret))
            .thenNothing()
    }

    @Test("the app in force keeps its sealed secret; the same secret sealed again registers the same app")
    func inForceKeepsTheSealedSecret() {
        let state = Spec(ConnectedApp.self).given([Self.registered(), Self.authorized()]).givenState
        #expect(state.inForce?.secret == Fixture.secret)
        let resealed = SealedSecret(ciphertext: "cmVzZWFsZWQ=", fingerprint: Fixture.secret.fingerprint)
        Spec(ConnectedApp.self)
            .given([Self.registered(), Self.authorized()])
            .when(Self.register(secret: resealed))
            .thenNothing()
    }

    @Test("registering the app in force while a rejected one is pending records it again and clears the pending one")
    func registerInForceOverRejected() {
        let state = Spec(ConnectedApp.self)
            .given([
                Self.registered(), Self.authorized(), Self.registered(secret: Fixture.otherSecret),
                Self.failed(secret: Fixture.otherSecret),
            ])
            .when(Self.register())
            .then([Self.registered(), Self.authorized()])
        #expect(state == ConnectedAppState(inForce: Self.registration(), pending: nil))
    }

    @Test("registering the same credentials after a failure authorizes them again")
    func registerAfterFailure() {
        let state = Spec(ConnectedApp.self)
            .given([Self.registered(), Self.failed()])
            .when(Self.register())
            .then([Self.registered(), Self.authorized()])
        #expect(state.isAuthorized)
        #expect(state.pending == nil)
    }

    @Test("registering a new secret replaces the credentials and re-authorizes")
    func registerReplaces() {
        let state = Spec(ConnectedApp.self)
            .given([Self.registered(), Self.authorized()])
            .when(Self.register(secret: Fixture.otherSecret))
            .then([Self.registered(secret: Fixture.otherSecret), Self.authorized(secret: Fixture.otherSecret)])
        #expect(state == ConnectedAppState(inForce: Self.registration(secret: Fixture.otherSecret), pending: nil))
    }

    @Test("a rejected re-registration keeps the authorized app in force")
    func rejectedReRegistrationKeepsAppInForce() {
        let state = Spec(ConnectedApp.self)
            .given([Self.registered(), Self.authorized()])
            .when(Self.register(secret: Fixture.otherSecret, outcome: Self.rejected))
            .then([Self.registered(secret: Fixture.otherSecret), Self.failed(secret: Fixture.otherSecret)])
        #expect(state.isAuthorized, "channels can still be created against the app in force")
        #expect(state.authorization == .authorized)
        #expect(state.inForce == Self.registration())
        #expect(
            state.pending
                == PendingConnectedApp(
                    registration: Self.registration(secret: Fixture.otherSecret), failure: Self.failure))
    }

    @Test("a rejected re-registration of the credentials in force is pending; they stay in force")
    func registerSameRejected() {
        let state = Spec(ConnectedApp.self)
            .given([Self.registered(), Self.authorized()])
            .when(Self.register(outcome: Self.rejected))
            .then([Self.registered(), Self.failed()])
        #expect(state.inForce == Self.registration())
        #expect(state.pending == PendingConnectedApp(registration: Self.registration(), failure: Self.failure))
    }

    @Test("a later authorized registration replaces the app in force and clears the rejected one")
    func laterRegistrationReplacesAppInForce() {
        let state = Spec(ConnectedApp.self)
            .given([
                Self.registered(), Self.authorized(), Self.registered(secret: Fixture.otherSecret),
                Self.failed(secret: Fixture.otherSecret),
            ])
            .when(Self.register(secret: Self.thirdSecret))
            .then([Self.registered(secret: Self.thirdSecret), Self.authorized(secret: Self.thirdSecret)])
        #expect(state == ConnectedAppState(inForce: Self.registration(secret: Self.thirdSecret), pending: nil))
    }

    @Test("a registration with invalid input is refused")
    func registerInvalid() {
        Spec(ConnectedApp.self)
            .when(Self.register(domain: "http://acme.my.salesforce.com"))
            .thenThrows(DomainError.invalidMyDomain("http://acme.my.salesforce.com"))
    }

    @Test("the initial state is not registered")
    func initialState() {
        #expect(!ConnectedApp.initialState.isRegistered)
        #expect(!ConnectedApp.initialState.isAuthorized)
        #expect(ConnectedApp.initialState.authorization == .none)
        #expect(ConnectedApp.initialState.inForce == nil && ConnectedApp.initialState.pending == nil)
    }
}
