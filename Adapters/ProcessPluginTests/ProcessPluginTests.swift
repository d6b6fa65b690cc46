import Foundation
import ProcessPluginTransport
import Testing
import Transport

/// The protocol's failure rules with real processes: a plugin that exits, hangs, writes what is not
/// a message or answers another id is `unavailable` for that call and is started again on the next;
/// a handshake that fails or speaks a newer protocol makes the plugin unusable, with one clear line.
@Suite(.timeLimit(.minutes(1)))
struct ProcessPluginTests {
    @Test func theHandshakeDescribesThePlugin() async throws {
        let descriptor = try await Examples.pysandbox(url: "http://127.0.0.1:9").descriptor()
        #expect(descriptor.name == "pysandbox")
        #expect(descriptor.capabilities == Set(TransportOperation.allCases))
        #expect(descriptor.defaultBuyWithPrimeEndpoint == "http://127.0.0.1:9")
        #expect(descriptor.summary.hasPrefix("pysandbox "), "its own name and version: \(descriptor.summary)")
    }

    @Test(
        arguments: [
            ("crash", "exited (status 3)"), ("garbage", "wrote something that is not a valid message"),
            ("wrong-id", "wrote something that is not a valid message"), ("hang", "within 2.3 s"),
        ])
    func aPluginThatMisbehavesIsUnavailableForThatCallAndStartedAgainForTheNext(mode: String, problem: String)
        async throws
    {
        let plugin = Examples.misbehaving(mode)
        let descriptor = try await plugin.descriptor()
        // Twice: after the first failure the plugin is stopped; the second call starts it again and
        // meets the same misbehaviour, not a stopped plugin.
        for call in 1...2 {
            let error = await #expect(throws: TransportError.self) {
                try await descriptor.buyWithPrime.authorize(Examples.account())
            }
            guard case .unavailable(.buyWithPrime, let reason)? = error else {
                Issue.record("call \(call): expected unavailable, got \(String(describing: error))")
                continue
            }
            #expect(reason.hasPrefix("plugin bad-\(mode) ") && reason.contains(problem), "call \(call): \(reason)")
            #expect(!reason.contains("plugin-test-secret-never-printed"))
        }
    }

    @Test(
        arguments: [
            (
                "newer-protocol",
                "plugin bad-newer-protocol speaks transport protocol 2; this channel-ledger speaks 1; upgrade channel-ledger or use a plugin release for protocol 1"
            ),
            ("no-handshake", "plugin bad-no-handshake exited (status 1)"),
            ("slow-handshake", "plugin bad-slow-handshake did not answer the handshake within 8 s"),
        ])
    func aPluginThatFailsItsHandshakeCannotBeUsed(mode: String, message: String) async throws {
        let error = await #expect(throws: PluginFailure.self) { try await Examples.misbehaving(mode).descriptor() }
        #expect(error?.description == message)
    }

    @Test func anOperationThePluginDoesNotClaimNeverReachesIt() async throws {
        let descriptor = try await Examples.misbehaving("garbage").descriptor()
        #expect(descriptor.capabilities == [.authorizeAccount, .authorizeConnectedApp])
        let error = await #expect(throws: TransportError.self) {
            try await descriptor.buyWithPrime.order(id: "322-0000-000000", as: Examples.account())
        }
        #expect(error == .unsupported(service: .buyWithPrime, operation: "buy-with-prime.order"))
    }

    @Test func aMissingExecutableCannotBeStarted() async throws {
        let plugin = ProcessPlugin(
            name: "ghost", path: "/nonexistent/channel-ledger-transport-ghost", environment: [:],
            logger: Examples.logger)
        let error = await #expect(throws: PluginFailure.self) { try await plugin.descriptor() }
        #expect(error?.description == "plugin ghost could not be started (/nonexistent/channel-ledger-transport-ghost)")
    }
}
