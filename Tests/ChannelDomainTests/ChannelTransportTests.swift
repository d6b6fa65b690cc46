import ChannelDomain
import ChannelLedgerTesting
import Foundation
import Testing

/// Where a channel's calls go: its transport and Buy with Prime endpoint, recorded, and moved.
@Suite("Channel transport and endpoint")
struct ChannelTransportTests {
    static func move(
        _ transport: String = "live", endpoint: String? = "https://api.buywithprime.amazon.com", suspend: Bool = false
    )
        -> ChannelCommand
    {
        .changeTransport(transport: transport, endpoint: endpoint, suspend: suspend)
    }

    static func moved(_ transport: String = "live", endpoint: String? = "https://api.buywithprime.amazon.com")
        -> ChannelEvent
    {
        .transportChanged(ChannelTransportChanged(transport: transport, endpoint: endpoint))
    }

    @Test("a channel is created with its endpoint, normalized")
    func createWithEndpoint() {
        let command = ChannelCommand.create(
            CreateChannel(
                id: Fixture.channelID, name: "EU Store", transport: "live", endpoint: " HTTP://127.0.0.1:8080/ ",
                catalogVersion: 1, connectedAppAuthorized: true, nameTakenBy: nil))
        let state = Spec(Channel.self).when(command).then([
            .created(
                ChannelCreated(
                    channelId: Fixture.channelID, name: "EU Store", catalogVersion: 1, transport: "live",
                    endpoint: "http://127.0.0.1:8080"))
        ])
        #expect(state.endpoint == "http://127.0.0.1:8080")
    }

    @Test(
        "an endpoint must be https, or http on a loopback host",
        arguments: [
            "http://api.example.com", "ftp://127.0.0.1", "https://user@api.example.com", "https://api.example.com?x=1",
            "http://10.0.0.1:8080", "http://127.0.0.+1:8080", "http://127.0.0.1.example.com", "not a url", "",
        ])
    func refusedEndpoint(raw: String) {
        Spec(Channel.self).given(Fixture.draft).when(Self.move(endpoint: raw))
            .thenThrows(DomainError.invalidEndpoint(channel: "EU Store", endpoint: raw))
    }

    @Test(
        "accepted endpoints are normalized",
        arguments: [
            ("https://API.buywithprime.amazon.com/", "https://api.buywithprime.amazon.com"),
            ("api.buywithprime.amazon.com", "https://api.buywithprime.amazon.com"),
            ("http://localhost:9000/bwp/", "http://localhost:9000/bwp"), ("http://[::1]:9000", "http://[::1]:9000"),
            ("http://127.1.2.3", "http://127.1.2.3"),
        ])
    func acceptedEndpoint(raw: String, normalized: String) {
        #expect(Endpoint.normalized(raw, allowsPath: true) == normalized)
    }

    @Test("moving an authorized channel makes its credentials in force pending again, with the same sealed secret")
    func moveAuthorized() {
        let state = Spec(Channel.self).given(Fixture.ready).when(Self.move()).then([Self.moved()])
        #expect(state.transport == "live" && state.endpoint == "https://api.buywithprime.amazon.com")
        #expect(state.credentials == nil)
        #expect(
            state.pending
                == PendingCredentials(clientId: Fixture.clientID, targetId: Fixture.targetID, secret: Fixture.secret))
        #expect(state.credentialsStatus == .entered)
        #expect(state.claimedTargetIDs == [Fixture.targetID], "the target stays claimed")
        #expect(state.status == .draft)
    }

    @Test("authorizing after a move records where: the transport and the endpoint")
    func authorizeAfterMove() {
        Spec(Channel.self).given(Fixture.ready + [Self.moved()])
            .when(
                .completeAuthorization(
                    through: ChannelDestination(transport: "live", endpoint: "https://api.buywithprime.amazon.com"),
                    fingerprint: Fixture.secret.fingerprint, outcome: .authorized)
            )
            .then([
                .credentialsAuthorized(
                    CredentialsAuthorized(
                        clientId: Fixture.clientID, targetId: Fixture.targetID, fingerprint: Fixture.secret.fingerprint,
                        transport: "live", endpoint: "https://api.buywithprime.amazon.com"))
            ])
    }

    @Test("a live channel moves only with --suspend, and is suspended by the move")
    func moveLive() {
        Spec(Channel.self).given(Fixture.live).when(Self.move())
            .thenThrows(DomainError.transportChangeNeedsSuspend(channel: "EU Store", transport: "live"))
        let state = Spec(Channel.self).given(Fixture.live).when(Self.move(suspend: true))
            .then([.suspended(ChannelSuspended(reason: "moving to transport live")), Self.moved()])
        #expect(state.status == .suspended)
        Spec(Channel.self).given(
            Fixture.live + [.suspended(ChannelSuspended(reason: "moving to transport live")), Self.moved()]
        )
        .when(.resume(connectedAppAuthorized: true))
        .thenThrows(
            DomainError.notReadyToResume(
                channel: "EU Store", connectedAppAuthorized: true, credentials: .entered, inactiveMappings: []))
    }

    @Test("moving to where the channel already is records nothing; an archived channel does not move")
    func noMove() {
        Spec(Channel.self).given(Fixture.draft).when(Self.move("sandbox", endpoint: nil)).thenNothing()
        Spec(Channel.self).given(Fixture.archived).when(Self.move())
            .thenThrows(DomainError.channelArchived(name: "EU Store"))
    }

    @Test("a move keeps newer pending credentials rather than the ones in force")
    func moveDuringRotation() {
        let state = Spec(Channel.self)
            .given(Fixture.ready + [Fixture.entered(targetID: "target-2", secret: Fixture.otherSecret)])
            .when(Self.move()).then([Self.moved()])
        #expect(state.pending?.targetId == "target-2" && state.credentials == nil)
    }

    @Test("an answer from where the channel called before a move is not recorded: it says nothing of the new place")
    func answerFromBeforeTheMove() {
        Spec(Channel.self).given(Fixture.ready + [Self.moved()])
            .when(
                .completeAuthorization(
                    through: Fixture.sandbox, fingerprint: Fixture.secret.fingerprint, outcome: .authorized)
            )
            .thenThrows(DomainError.credentialsChanged(channel: "EU Store"))
    }

    @Test("a move during a rejected rotation makes the credentials in force pending, not the rejected ones")
    func moveAfterARejectedRotation() {
        let state = Spec(Channel.self)
            .given(
                Fixture.ready + [
                    Fixture.entered(targetID: "target-2", secret: Fixture.otherSecret),
                    Fixture.failed(targetID: "target-2", secret: Fixture.otherSecret),
                ]
            )
            .when(Self.move()).then([Self.moved()])
        #expect(
            state.pending
                == PendingCredentials(clientId: Fixture.clientID, targetId: Fixture.targetID, secret: Fixture.secret))
        #expect(state.credentials == nil)
    }
}
