@_spi(Testing) import ChannelLedger
import EventSourcing
import Foundation
import SandboxTransport
import Transport

/// A ledger on an in-memory store with the sandbox transport and an ephemeral key.
struct ServiceFixture {
    let service: LedgerService
    let store: any EventStore
    let context = CommandContext(actor: "tester")

    init(store: (any EventStore)? = nil, transports: [TransportDescriptor] = []) async throws {
        let store = store ?? InMemoryEventStore(projections: LedgerService.projections)
        self.store = store
        service = LedgerService.make(
            store: store, location: "memory",
            configuration: LedgerConfiguration(
                transports: TransportRegistry([SandboxTransport.descriptor] + transports),
                stores: InMemoryStores(store),
                environment: [:], fixedKey: .ephemeral()))
        _ = try await service.initializeLedger(context: context)
    }

    var accounts: SandboxAccounts { SandboxTransport.accounts }

    /// Makes `name` a channel of `account` on the sandbox transport with its credentials entered
    /// and authorized and every mapping active; launched too unless told.
    func readyChannel(_ name: String, _ account: BuyWithPrimeAccount, launch: Bool = true) async throws {
        _ = try await service.createChannel(named: name, transport: "sandbox", context: context)
        _ = try await service.enterCredentials(
            name, clientID: account.clientId, targetID: account.targetId, secret: { Secret(account.clientSecret) },
            context: context)
        _ = try await service.authorizeChannel(name, context: context)
        _ = try await service.activateMappings(name, names: nil, context: context)
        if launch { _ = try await service.launchChannel(name, context: context) }
    }

    /// Registers the sandbox connected app.
    func registered() async throws -> ServiceFixture {
        let sf = accounts.salesforce
        _ = try await service.registerConnectedApp(
            consumerKey: sf.consumerKey, myDomain: sf.myDomain, secret: { Secret(sf.consumerSecret) },
            transport: "sandbox",
            context: context)
        return self
    }
}
