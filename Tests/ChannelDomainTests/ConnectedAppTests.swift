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

    static let failed = ConnectedAppEvent.authorizationFailed(
        ConnectedAppAuthorizationFailed(
            consumerKey: "3MVG9key", fingerprint: Fixture.secret.fingerprint, code: "invalid_client",
            message: "invalid client credentials"
        ))

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

    @Test("an authorized registration records registered then authorized")
    func registerAuthorized() {
        let state = Spec(ConnectedApp.self)
            .when(Self.register(domain: "acme.my.salesforce.com/"))
            .then([Self.registered(), Self.authorized()])
        #expect(state.isAuthorized)
        #expect(
            state
                == ConnectedAppState(
                    consumerKey: "3MVG9key", myDomain: Self.domain, secretFingerprint: Fixture.secret.fingerprint,
                    transport: "sandbox", authorization: .authorized, failure: nil
                ))
    }

    @Test("a rejected registration records registered then failed")
    func registerRejected() {
        let state = Spec(ConnectedApp.self)
            .when(Self.register(outcome: .rejected(code: "invalid_client", message: "invalid client credentials")))
            .then([Self.registered(), Self.failed])
        #expect(!state.isAuthorized)
        #expect(state.authorization == .failed)
        #expect(state.failure == AuthorizationFailure(code: "invalid_client", message: "invalid client credentials"))
    }

    @Test("registering the same authorized credentials again records nothing")
    func registerSame() {
        Spec(ConnectedApp.self)
            .given([Self.registered(), Self.authorized()])
            .when(Self.register(key: " 3MVG9key", domain: "acme.my.salesforce.com"))
            .thenNothing()
    }

    @Test("registering the same credentials after a failure authorizes them again")
    func registerAfterFailure() {
        let state = Spec(ConnectedApp.self)
            .given([Self.registered(), Self.failed])
            .when(Self.register())
            .then([Self.registered(), Self.authorized()])
        #expect(state.isAuthorized)
        #expect(state.failure == nil)
    }

    @Test("registering a new secret replaces the credentials and re-authorizes")
    func registerReplaces() {
        let state = Spec(ConnectedApp.self)
            .given([Self.registered(), Self.authorized()])
            .when(Self.register(secret: Fixture.otherSecret))
            .then([Self.registered(secret: Fixture.otherSecret), Self.authorized(secret: Fixture.otherSecret)])
        #expect(state.secretFingerprint == Fixture.otherSecret.fingerprint)
    }

    @Test("a rejected re-registration of the current credentials is recorded")
    func registerSameRejected() {
        let state = Spec(ConnectedApp.self)
            .given([Self.registered(), Self.authorized()])
            .when(Self.register(outcome: .rejected(code: "invalid_client", message: "invalid client credentials")))
            .then([Self.registered(), Self.failed])
        #expect(state.authorization == .failed)
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
    }
}
