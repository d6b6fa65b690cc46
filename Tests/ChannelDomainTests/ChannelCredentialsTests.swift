import ChannelDomain
import ChannelLedgerTesting
import Testing

@Suite("Channel credentials")
struct ChannelCredentialsTests {
    private static func enter(
        client: String = Fixture.clientID,
        target: String = Fixture.targetID,
        secret: SealedSecret = Fixture.secret,
        takenBy: String? = nil
    ) -> ChannelCommand {
        .enterCredentials(clientID: client, targetID: target, secret: secret, targetTakenBy: takenBy)
    }

    @Test("entering credentials on a draft records them as pending")
    func enter() {
        let state = Spec(Channel.self)
            .given(Fixture.draft)
            .when(Self.enter(client: " \(Fixture.clientID) ", target: "\(Fixture.targetID)\n"))
            .then([Fixture.entered()])
        #expect(state.status == .draft)
        #expect(state.credentialsStatus == .entered)
        #expect(state.pending?.secret == Fixture.secret)
        #expect(state.claimedTargetIDs == [Fixture.targetID])
    }

    @Test(
        "invalid client IDs are refused",
        arguments: [
            ("", InputProblem.empty), ("  ", .empty), ("client id", .whitespace), ("client\tid", .whitespace),
            (String(repeating: "c", count: 201), .tooLong(limit: 200)),
        ])
    func invalidClientID(raw: String, problem: InputProblem) {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(Self.enter(client: raw))
            .thenThrows(DomainError.invalidCredential(channel: "EU Store", field: "client ID", problem: problem))
    }

    @Test(
        "invalid target IDs are refused",
        arguments: [
            ("", InputProblem.empty), ("target id", .whitespace),
            (String(repeating: "t", count: 201), .tooLong(limit: 200)),
        ])
    func invalidTargetID(raw: String, problem: InputProblem) {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(Self.enter(target: raw))
            .thenThrows(DomainError.invalidCredential(channel: "EU Store", field: "target ID", problem: problem))
    }

    @Test("a client ID of exactly 200 characters is accepted")
    func maximumLength() {
        let client = String(repeating: "c", count: 200)
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(Self.enter(client: client))
            .then([Fixture.entered(clientID: client)])
    }

    @Test("entering the pending credentials again records nothing")
    func sameAsPending() {
        Spec(Channel.self)
            .given(Fixture.draft + [Fixture.entered()])
            .when(Self.enter())
            .thenNothing()
    }

    @Test("entering the credentials in force with nothing pending records nothing")
    func sameAsInForce() {
        Spec(Channel.self)
            .given(Fixture.live)
            .when(Self.enter())
            .thenNothing()
    }

    @Test("entering the credentials in force while others are pending records them")
    func backToInForce() {
        Spec(Channel.self)
            .given(Fixture.live + [Fixture.entered(targetID: "target-2", secret: Fixture.otherSecret)])
            .when(Self.enter())
            .then([Fixture.entered()])
    }

    @Test("a different secret for the same IDs is new credentials")
    func newSecret() {
        Spec(Channel.self)
            .given(Fixture.draft + [Fixture.entered()])
            .when(Self.enter(secret: Fixture.otherSecret))
            .then([Fixture.entered(secret: Fixture.otherSecret)])
    }

    @Test("a target ID another channel holds is refused")
    func targetTaken() {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(Self.enter(takenBy: "US Store"))
            .thenThrows(DomainError.targetTaken(channel: "EU Store", targetId: Fixture.targetID, takenBy: "US Store"))
    }

    @Test("a successful authorization puts the pending credentials in force")
    func authorize() {
        let state = Spec(Channel.self)
            .given(Fixture.draft + [Fixture.entered()])
            .when(
                .completeAuthorization(
                    through: Fixture.sandbox, fingerprint: Fixture.secret.fingerprint, outcome: .authorized)
            )
            .then([Fixture.authorized()])
        #expect(state.status == .authorized)
        #expect(state.credentialsStatus == .authorized)
        #expect(state.pending == nil)
        #expect(
            state.credentials
                == ActiveCredentials(
                    clientId: Fixture.clientID, targetId: Fixture.targetID, fingerprint: Fixture.secret.fingerprint,
                    secret: Fixture.secret))
    }

    @Test("a rejected authorization records the failure and keeps the credentials pending")
    func reject() {
        let state = Spec(Channel.self)
            .given(Fixture.draft + [Fixture.entered()])
            .when(
                .completeAuthorization(
                    through: Fixture.sandbox, fingerprint: Fixture.secret.fingerprint,
                    outcome: .rejected(code: "invalid_client", message: "Client authentication failed")
                )
            )
            .then([Fixture.failed()])
        #expect(state.status == .draft)
        #expect(state.credentialsStatus == .failed)
        #expect(
            state.pending?.failure
                == AuthorizationFailure(code: "invalid_client", message: "Client authentication failed"))
    }

    @Test("authorizing after the pending credentials changed is refused")
    func fingerprintChanged() {
        Spec(Channel.self)
            .given(Fixture.draft + [Fixture.entered(secret: Fixture.otherSecret)])
            .when(
                .completeAuthorization(
                    through: Fixture.sandbox, fingerprint: Fixture.secret.fingerprint, outcome: .authorized)
            )
            .thenThrows(DomainError.credentialsChanged(channel: "EU Store"))
    }

    @Test("authorizing with nothing pending and credentials in force records nothing")
    func authorizeNoOp() {
        Spec(Channel.self)
            .given(Fixture.authorizedChannel)
            .when(
                .completeAuthorization(
                    through: Fixture.sandbox, fingerprint: Fixture.secret.fingerprint, outcome: .authorized)
            )
            .thenNothing()
    }

    @Test("authorizing a channel that never had credentials is refused")
    func authorizeNothing() {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(
                .completeAuthorization(
                    through: Fixture.sandbox, fingerprint: Fixture.secret.fingerprint, outcome: .authorized)
            )
            .thenThrows(DomainError.noCredentials(channel: "EU Store"))
    }

    @Test("new credentials on a live channel are a rotation: the old ones stay in force")
    func rotationPending() {
        let rotation = Fixture.entered(targetID: "target-2", secret: Fixture.otherSecret)
        let state = Spec(Channel.self)
            .given(Fixture.live)
            .when(Self.enter(target: "target-2", secret: Fixture.otherSecret))
            .then([rotation])
        #expect(state.status == .live)
        #expect(state.credentialsStatus == .entered)
        #expect(state.credentials?.fingerprint == Fixture.secret.fingerprint)
        #expect(state.claimedTargetIDs == [Fixture.targetID, "target-2"])
    }

    @Test("an authorized rotation replaces the credentials in force")
    func rotationAuthorized() {
        let state = Spec(Channel.self)
            .given(Fixture.live + [Fixture.entered(targetID: "target-2", secret: Fixture.otherSecret)])
            .when(
                .completeAuthorization(
                    through: Fixture.sandbox, fingerprint: Fixture.otherSecret.fingerprint, outcome: .authorized)
            )
            .then([Fixture.authorized(targetID: "target-2", secret: Fixture.otherSecret)])
        #expect(state.status == .live)
        #expect(state.credentials?.targetId == "target-2")
        #expect(state.claimedTargetIDs == ["target-2"])
    }

    @Test("a rejected rotation keeps the old credentials in force")
    func rotationRejected() {
        let state = Spec(Channel.self)
            .given(Fixture.live + [Fixture.entered(targetID: "target-2", secret: Fixture.otherSecret)])
            .when(
                .completeAuthorization(
                    through: Fixture.sandbox, fingerprint: Fixture.otherSecret.fingerprint,
                    outcome: .rejected(code: "invalid_client", message: "Client authentication failed")
                )
            )
            .then([Fixture.failed(targetID: "target-2", secret: Fixture.otherSecret)])
        #expect(state.status == .live)
        #expect(state.credentialsStatus == .failed)
        #expect(state.credentials?.fingerprint == Fixture.secret.fingerprint)
    }

    @Test("the authorization request is the pending credentials")
    func authorizationRequestPending() throws {
        let state = Channel.fold(Fixture.live + [Fixture.entered(targetID: "target-2", secret: Fixture.otherSecret)])
        let request = try #require(try Channel.authorizationRequest(state))
        #expect(request.targetId == "target-2")
        #expect(request.secret == Fixture.otherSecret)
    }

    @Test("there is nothing to authorize when the credentials in force are authorized")
    func authorizationRequestNone() throws {
        #expect(try Channel.authorizationRequest(Channel.fold(Fixture.authorizedChannel)) == nil)
    }

    @Test("an authorization request needs an existing, non-archived channel with credentials")
    func authorizationRequestRefused() {
        #expect(throws: DomainError.noCredentials(channel: "EU Store")) {
            try Channel.authorizationRequest(Channel.fold(Fixture.draft))
        }
        #expect(throws: DomainError.channelArchived(name: "EU Store")) {
            try Channel.authorizationRequest(Channel.fold(Fixture.archived))
        }
        #expect(throws: DomainError.channelNotFound) {
            try Channel.authorizationRequest(Channel.initialState)
        }
    }

    @Test("the pre-check before a secret is typed refuses what entering would, and returns the trimmed IDs")
    func checkBeforeTheSecret() throws {
        let draft = Spec(Channel.self).given(Fixture.draft).givenState
        let ids = try Channel.checkCredentials(
            clientID: " \(Fixture.clientID) ", targetID: Fixture.targetID, targetTakenBy: nil, draft)
        #expect(ids.clientID == Fixture.clientID && ids.targetID == Fixture.targetID)
        #expect(throws: DomainError.invalidCredential(channel: "EU Store", field: "target ID", problem: .whitespace)) {
            try Channel.checkCredentials(clientID: Fixture.clientID, targetID: "t 1", targetTakenBy: nil, draft)
        }
        #expect(
            throws: DomainError.targetTaken(channel: "EU Store", targetId: Fixture.targetID, takenBy: "US Store")
        ) {
            try Channel.checkCredentials(
                clientID: Fixture.clientID, targetID: Fixture.targetID, targetTakenBy: "US Store", draft)
        }
        #expect(throws: DomainError.channelNotFound) {
            try Channel.checkCredentials(
                clientID: Fixture.clientID, targetID: Fixture.targetID, targetTakenBy: nil, Channel.initialState)
        }
        let archived = Spec(Channel.self).given(Fixture.draft + [.archived(ChannelArchived())]).givenState
        #expect(throws: DomainError.channelArchived(name: "EU Store")) {
            try Channel.checkCredentials(
                clientID: Fixture.clientID, targetID: Fixture.targetID, targetTakenBy: nil, archived)
        }
    }
}
