import ChannelDomain
import ChannelLedgerTesting
import Testing

/// The spec itself must fail when a decider misbehaves.
@Suite("Decider spec")
struct DeciderSpecTests {
    @Test("then fails on different events")
    func thenFails() {
        withKnownIssue {
            Spec(Channel.self).given(Fixture.ready).when(.launch(connectedAppAuthorized: true)).then([
                .archived(ChannelArchived())
            ])
        }
    }

    @Test("then fails when decide throws")
    func thenFailsOnThrow() {
        withKnownIssue {
            Spec(Channel.self).when(.launch(connectedAppAuthorized: true)).then([])
        }
    }

    @Test("thenNothing fails when events are decided")
    func thenNothingFails() {
        withKnownIssue {
            Spec(Channel.self).given(Fixture.ready).when(.launch(connectedAppAuthorized: true)).thenNothing()
        }
    }

    @Test("thenThrows fails on a different error or no error")
    func thenThrowsFails() {
        withKnownIssue {
            Spec(Channel.self).when(.launch(connectedAppAuthorized: true)).thenThrows(
                DomainError.channelArchived(name: "x"))
        }
        withKnownIssue {
            Spec(Channel.self).given(Fixture.ready).when(.launch(connectedAppAuthorized: true)).thenThrows(
                DomainError.channelNotFound)
        }
        withKnownIssue {
            Spec(Channel.self).when(.launch(connectedAppAuthorized: true)).thenThrows { _ in false }
        }
    }

    @Test("a spec without a command fails")
    func noCommand() {
        withKnownIssue {
            Spec(Channel.self).given(Fixture.ready).thenNothing()
        }
    }

    @Test("thenThrows with a predicate passes on a matching error")
    func predicatePasses() {
        Spec(Channel.self).when(.launch(connectedAppAuthorized: true)).thenThrows {
            ($0 as? DomainError)?.category == .notFound
        }
    }
}
