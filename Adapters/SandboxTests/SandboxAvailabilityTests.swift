import SandboxTransport
import Testing
import Transport

@Suite("Sandbox availability")
struct SandboxAvailabilityTests {
    let account = SandboxTransport.accounts.buyWithPrime[0]
    let org = SandboxTransport.accounts.salesforce

    @Test func unavailableBuyWithPrime() async {
        let sandbox = SandboxTransport(unavailable: true)
        let error = await rejection {
            try await sandbox.authorize(
                clientID: account.clientId, clientSecret: Secret(account.clientSecret), targetID: account.targetId)
        }
        #expect(isUnavailable(error, .buyWithPrime))
    }

    @Test func unavailableSalesforce() async {
        let sandbox = SandboxTransport(unavailable: true)
        let error = await rejection {
            try await sandbox.authorize(
                consumerKey: org.consumerKey, consumerSecret: Secret(org.consumerSecret), myDomain: org.myDomain)
        }
        #expect(isUnavailable(error, .salesforce))
        #expect(error.map { !$0.description.contains(org.consumerSecret) } == true)
    }

    @Test func unavailableDescriptorThrowsForBothPorts() async {
        let descriptor = SandboxTransport.descriptor(unavailable: true)
        let bwp = await rejection {
            try await descriptor.buyWithPrime.authorize(
                clientID: account.clientId, clientSecret: Secret(account.clientSecret), targetID: account.targetId)
        }
        let sf = await rejection {
            try await descriptor.salesforce.authorize(
                consumerKey: org.consumerKey, consumerSecret: Secret(org.consumerSecret), myDomain: org.myDomain)
        }
        #expect(isUnavailable(bwp, .buyWithPrime))
        #expect(isUnavailable(sf, .salesforce))
    }

    @Test func descriptorIsNamedSandboxAndWorks() async throws {
        let descriptor = SandboxTransport.descriptor
        #expect(descriptor.name == "sandbox")
        #expect(!descriptor.summary.isEmpty)
        _ = try await descriptor.buyWithPrime.authorize(
            clientID: account.clientId, clientSecret: Secret(account.clientSecret), targetID: account.targetId)
        _ = try await descriptor.salesforce.authorize(
            consumerKey: org.consumerKey, consumerSecret: Secret(org.consumerSecret), myDomain: org.myDomain)
    }

    @Test func instanceDescriptorKeepsTheMode() async {
        let descriptor = SandboxTransport.fromEnvironment(["CHANNEL_LEDGER_SANDBOX_UNAVAILABLE": "1"]).descriptor
        #expect(descriptor.name == "sandbox")
        let error = await rejection {
            try await descriptor.salesforce.authorize(
                consumerKey: org.consumerKey, consumerSecret: Secret(org.consumerSecret), myDomain: org.myDomain)
        }
        #expect(isUnavailable(error, .salesforce))
    }

    @Test(arguments: [
        ([:], false),
        (["CHANNEL_LEDGER_SANDBOX_UNAVAILABLE": "1"], true),
        (["CHANNEL_LEDGER_SANDBOX_UNAVAILABLE": "0"], false),
        (["CHANNEL_LEDGER_SANDBOX_UNAVAILABLE": ""], false),
    ])
    func fromEnvironment(env: [String: String], unavailable: Bool) {
        #expect(SandboxTransport.fromEnvironment(env).unavailable == unavailable)
    }

    private func isUnavailable(_ error: TransportError?, _ service: Service) -> Bool {
        if case .unavailable(let actual, _) = error { return actual == service }
        return false
    }
}
