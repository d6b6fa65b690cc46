import SandboxTransport
import Testing
import Transport

/// The in-process sandbox serves each demo account's seeded orders, and only to that account.
@Suite struct SandboxTransportOrderTests {
    let sandbox = SandboxTransport()
    let accounts = SandboxTransport.accounts.buyWithPrime

    func credentials(_ index: Int, secret: String? = nil) -> BuyWithPrimeCredentials {
        let account = accounts[index]
        return BuyWithPrimeCredentials(
            clientID: account.clientId, clientSecret: Secret(secret ?? account.clientSecret), targetID: account.targetId
        )
    }

    @Test func anOrderIsFoundByIdAndByAlias() async throws {
        let seeded = try #require(SandboxTransport.orders[accounts[0].targetId])
        let withAlias = try #require(seeded.first { !$0.aliases.isEmpty })
        #expect(try await sandbox.order(id: seeded[0].id, as: credentials(0)) == seeded[0])
        #expect(try await sandbox.order(alias: withAlias.aliases[0], as: credentials(0)) == withAlias)
    }

    @Test func anotherAccountsOrderIsNotFoundAndWrongCredentialsAreRejected() async throws {
        let theirs = try #require(SandboxTransport.orders[accounts[1].targetId]?.first)
        await #expect(throws: TransportError.notFound(service: .buyWithPrime, what: "order \(theirs.id)")) {
            try await sandbox.order(id: theirs.id, as: credentials(0))
        }
        await #expect(throws: TransportError.self) {
            try await sandbox.order(id: theirs.id, as: credentials(1, secret: "wrong"))
        }
        await #expect(
            throws: TransportError.unavailable(service: .buyWithPrime, reason: "the sandbox is set to be unavailable")
        ) {
            try await SandboxTransport(unavailable: true).order(id: theirs.id, as: credentials(1))
        }
    }
}
