import ChannelDomain
import ChannelLedgerTesting
import Testing

@Suite("Channel lifecycle")
struct ChannelLifecycleTests {
    @Test("a ready channel launches and goes live")
    func launch() {
        let state = Spec(Channel.self)
            .given(Fixture.ready)
            .when(.launch(connectedAppAuthorized: true))
            .then([.launched(ChannelLaunched())])
        #expect(state.status == .live)
    }

    @Test("launch needs authorized credentials in force")
    func launchNeedsCredentials() {
        Spec(Channel.self)
            .given([Fixture.created] + Fixture.allActivated)
            .when(.launch(connectedAppAuthorized: true))
            .thenThrows(
                DomainError.notReadyToLaunch(
                    channel: "EU Store", connectedAppAuthorized: true, credentials: .none, inactiveMappings: []))
        Spec(Channel.self)
            .given([Fixture.created, Fixture.entered()] + Fixture.allActivated)
            .when(.launch(connectedAppAuthorized: true))
            .thenThrows(
                DomainError.notReadyToLaunch(
                    channel: "EU Store", connectedAppAuthorized: true, credentials: .entered, inactiveMappings: []))
        Spec(Channel.self)
            .given([Fixture.created, Fixture.entered(), Fixture.failed()] + Fixture.allActivated)
            .when(.launch(connectedAppAuthorized: true))
            .thenThrows(
                DomainError.notReadyToLaunch(
                    channel: "EU Store", connectedAppAuthorized: true, credentials: .failed, inactiveMappings: []))
    }

    @Test("launch needs every catalog mapping active, and the error names the inactive ones")
    func launchNeedsMappings() {
        let error = DomainError.notReadyToLaunch(
            channel: "EU Store", connectedAppAuthorized: true, credentials: .authorized, inactiveMappings: ["refund"])
        Spec(Channel.self)
            .given(Fixture.authorizedChannel + Fixture.allActivated.filter { $0 != Fixture.activated("refund") })
            .when(.launch(connectedAppAuthorized: true))
            .thenThrows(error)
    }

    @Test("launch with a pending rotation uses the credentials in force")
    func launchDuringRotation() {
        Spec(Channel.self)
            .given(Fixture.ready + [Fixture.entered(targetID: "target-2", secret: Fixture.otherSecret)])
            .when(.launch(connectedAppAuthorized: true))
            .then([.launched(ChannelLaunched())])
    }

    @Test("launch is refused while no connected app is in force")
    func launchNeedsConnectedApp() {
        let error = DomainError.notReadyToLaunch(
            channel: "EU Store", connectedAppAuthorized: false, credentials: .authorized, inactiveMappings: [])
        Spec(Channel.self)
            .given(Fixture.ready)
            .when(.launch(connectedAppAuthorized: false))
            .thenThrows(error)
    }

    @Test("launch is allowed once a connected app is in force")
    func launchOnceConnectedAppAuthorized() {
        Spec(Channel.self)
            .given(Fixture.ready)
            .when(.launch(connectedAppAuthorized: false))
            .thenThrows { ($0 as? DomainError)?.category == .refused }
        let state = Spec(Channel.self)
            .given(Fixture.ready)
            .when(.launch(connectedAppAuthorized: true))
            .then([.launched(ChannelLaunched())])
        #expect(state.status == .live)
    }

    @Test("a launch refusal names the missing connected app with every other gap")
    func launchGapsWithConnectedApp() {
        let error = DomainError.notReadyToLaunch(
            channel: "EU Store", connectedAppAuthorized: false, credentials: .entered,
            inactiveMappings: Fixture.mappingNames)
        Spec(Channel.self)
            .given([Fixture.created, Fixture.entered()])
            .when(.launch(connectedAppAuthorized: false))
            .thenThrows(error)
    }

    @Test("launching or resuming a live channel records nothing, connected app or not", arguments: [true, false])
    func liveChannelIgnoresConnectedApp(authorized: Bool) {
        Spec(Channel.self).given(Fixture.live).when(.launch(connectedAppAuthorized: authorized)).thenNothing()
        Spec(Channel.self).given(Fixture.live).when(.resume(connectedAppAuthorized: authorized)).thenNothing()
    }

    @Test("launching a live channel records nothing")
    func launchLive() {
        Spec(Channel.self).given(Fixture.live).when(.launch(connectedAppAuthorized: true)).thenNothing()
    }

    @Test("launching a suspended channel is refused: resume it")
    func launchSuspended() {
        let error = DomainError.launchWhileSuspended(channel: "EU Store")
        Spec(Channel.self).given(Fixture.suspended).when(.launch(connectedAppAuthorized: true)).thenThrows(error)
    }

    @Test("a live channel can be suspended with a reason")
    func suspend() {
        let state = Spec(Channel.self)
            .given(Fixture.live)
            .when(.suspend(reason: "  holiday freeze "))
            .then([.suspended(ChannelSuspended(reason: "holiday freeze"))])
        #expect(state.status == .suspended)
        #expect(state.suspensionReason == "holiday freeze")
    }

    @Test("suspending a suspended channel records nothing")
    func suspendSuspended() {
        Spec(Channel.self).given(Fixture.suspended).when(.suspend(reason: "again")).thenNothing()
    }

    @Test(
        "only a live channel can be suspended",
        arguments: [
            (Fixture.draft, ChannelStatus.draft), (Fixture.authorizedChannel, .authorized), (Fixture.ready, .ready),
        ])
    func suspendNotLive(history: [ChannelEvent], status: ChannelStatus) {
        Spec(Channel.self)
            .given(history)
            .when(.suspend(reason: "maintenance"))
            .thenThrows(DomainError.notLive(channel: "EU Store", status: status))
    }

    @Test("a suspension needs a reason", arguments: ["", "   "])
    func suspendNeedsReason(reason: String) {
        Spec(Channel.self)
            .given(Fixture.live)
            .when(.suspend(reason: reason))
            .thenThrows(DomainError.emptySuspensionReason(channel: "EU Store"))
    }

    @Test("a suspended channel resumes and goes live")
    func resume() {
        let state = Spec(Channel.self)
            .given(Fixture.suspended)
            .when(.resume(connectedAppAuthorized: true))
            .then([.resumed(ChannelResumed())])
        #expect(state.status == .live)
        #expect(state.suspensionReason == nil)
    }

    @Test("resuming a live channel records nothing")
    func resumeLive() {
        Spec(Channel.self).given(Fixture.live).when(.resume(connectedAppAuthorized: true)).thenNothing()
    }

    @Test(
        "only a suspended channel can be resumed",
        arguments: [
            (Fixture.draft, ChannelStatus.draft), (Fixture.ready, .ready),
        ])
    func resumeNotSuspended(history: [ChannelEvent], status: ChannelStatus) {
        Spec(Channel.self)
            .given(history)
            .when(.resume(connectedAppAuthorized: true))
            .thenThrows(DomainError.notSuspended(channel: "EU Store", status: status))
    }

    @Test("resume re-checks every launch gate")
    func resumeRechecks() {
        Spec(Channel.self)
            .given(
                Fixture.live + [
                    Fixture.deactivated("order"), .suspended(ChannelSuspended(reason: "mapping order deactivated")),
                ]
            )
            .when(.resume(connectedAppAuthorized: true))
            .thenThrows(
                DomainError.notReadyToResume(
                    channel: "EU Store", connectedAppAuthorized: true, credentials: .authorized,
                    inactiveMappings: ["order"])
            )
    }

    @Test("resume is refused while no connected app is in force")
    func resumeNeedsConnectedApp() {
        let error = DomainError.notReadyToResume(
            channel: "EU Store", connectedAppAuthorized: false, credentials: .authorized, inactiveMappings: [])
        Spec(Channel.self)
            .given(Fixture.suspended)
            .when(.resume(connectedAppAuthorized: false))
            .thenThrows(error)
        Spec(Channel.self)
            .given(Fixture.suspended)
            .when(.resume(connectedAppAuthorized: true))
            .then([.resumed(ChannelResumed())])
    }

    @Test(
        "archive is terminal and frees the target IDs",
        arguments: [
            Fixture.draft + [Fixture.entered()], Fixture.live, Fixture.suspended,
        ])
    func archive(history: [ChannelEvent]) {
        #expect(!Channel.fold(history).claimedTargetIDs.isEmpty)
        let state = Spec(Channel.self)
            .given(history)
            .when(.archive)
            .then([.archived(ChannelArchived())])
        #expect(state.status == .archived)
        #expect(state.claimedTargetIDs.isEmpty)
    }

    @Test("archiving an archived channel records nothing")
    func archiveTwice() {
        Spec(Channel.self).given(Fixture.archived).when(.archive).thenNothing()
    }

    @Test(
        "every other command on an archived channel is refused",
        arguments: ChannelCommandSamples.allButCreate.filter { $0 != .archive })
    func archivedRefuses(command: ChannelCommand) {
        Spec(Channel.self)
            .given(Fixture.archived)
            .when(command)
            .thenThrows(DomainError.channelArchived(name: "EU Store"))
    }

    @Test(
        "status follows the lifecycle",
        arguments: [
            (Fixture.draft, ChannelStatus.draft),
            (Fixture.draft + [Fixture.entered()], .draft),
            (Fixture.draft + Fixture.allActivated, .draft),
            (Fixture.authorizedChannel, .authorized),
            (Fixture.ready, .ready),
            (Fixture.live, .live),
            (Fixture.suspended, .suspended),
            (Fixture.archived, .archived),
            (Fixture.suspended + [.archived(ChannelArchived())], .archived),
        ])
    func status(history: [ChannelEvent], expected: ChannelStatus) {
        #expect(Channel.fold(history).status == expected)
    }

    @Test(
        "credentials status follows authorization",
        arguments: [
            (Fixture.draft, CredentialsStatus.none),
            (Fixture.draft + [Fixture.entered()], .entered),
            (Fixture.draft + [Fixture.entered(), Fixture.failed()], .failed),
            (
                Fixture.draft + [Fixture.entered(), Fixture.failed(), Fixture.entered(secret: Fixture.otherSecret)],
                .entered
            ),
            (Fixture.authorizedChannel, .authorized),
        ])
    func credentialsStatus(history: [ChannelEvent], expected: CredentialsStatus) {
        #expect(Channel.fold(history).credentialsStatus == expected)
    }

    @Test("status raw values are the lowercase names")
    func rawValues() {
        #expect(
            ChannelStatus.allCases.map(\.rawValue) == ["draft", "authorized", "ready", "live", "suspended", "archived"])
        #expect(CredentialsStatus.allCases.map(\.rawValue) == ["none", "entered", "authorized", "failed"])
    }
}
