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
