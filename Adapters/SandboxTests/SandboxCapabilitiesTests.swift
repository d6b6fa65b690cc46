import SandboxTransport
import Testing
import Transport

/// A transport declares what it supports; an operation it does not implement is refused, never faked.
@Suite("Sandbox capabilities")
struct SandboxCapabilitiesTests {
    static let org = SalesforceOrg(
        consumerKey: "key", consumerSecret: Secret("not-used"), myDomain: "https://example.my.salesforce.com",
        apiVersion: "62.0")

    @Test("the in-process sandbox declares every operation")
    func declared() {
        #expect(SandboxTransport.descriptor.capabilities == Set(TransportOperation.allCases))
    }

    static let demoOrg = SalesforceOrg(
        consumerKey: SandboxTransport.accounts.salesforce.consumerKey,
        consumerSecret: Secret(SandboxTransport.accounts.salesforce.consumerSecret),
        myDomain: SandboxTransport.accounts.salesforce.myDomain)

    @Test(
        "the demo org's writes keep nothing: a SalesChannel's id comes from its target ID, every seeded order but each account's last two exists"
    )
    func stateless() async throws {
        let salesforce = SandboxTransport.descriptor.salesforce
        let fields = SalesChannelFields(salesChannelName: "US", externalChannelNumber: "A1V6B8K3QZ7XUS")
        #expect(try await salesforce.findSalesChannel(externalChannelNumber: "A1V6B8K3QZ7XUS", in: Self.demoOrg) == nil)
        let id = try await salesforce.createSalesChannel(fields, in: Self.demoOrg)
        #expect(id.hasPrefix("0bISB") && id.count == 18)
        #expect(try await salesforce.createSalesChannel(fields, in: Self.demoOrg) == id, "the same every run")
        try await salesforce.updateSalesChannel(id: id, fields, in: Self.demoOrg)
        let orders = try #require(SandboxTransport.orders["A1V6B8K3QZ7XUS"])
        let results = try await salesforce.setOrdersChannel(
            [orders[0], orders[orders.count - 1]].map { OrderChannelUpdate(orderID: $0.id, salesChannelID: id) },
            fields: OrderChannelFields(externalIDField: "Ext__c", channelField: "SalesChannelId"), in: Self.demoOrg)
        guard case .updated(orders[0].id, let salesforceID) = results[0] else {
            Issue.record("\(results)")
            return
        }
        #expect(salesforceID.hasPrefix("801SB"))
        #expect(results[1] == .notFound(orderID: orders[orders.count - 1].id))
    }

    @Test("the demo org's writes check the connected app's credentials")
    func writesAreAuthorized() async {
        await #expect(throws: TransportError.self) {
            _ = try await SandboxTransport.descriptor.salesforce.createSalesChannel(
                SalesChannelFields(salesChannelName: "US", externalChannelNumber: "T"), in: Self.org)
        }
    }

    @Test("every operation belongs to one service")
    func services() {
        #expect(TransportOperation.allCases.filter { $0.service == .buyWithPrime } == [.authorizeAccount, .fetchOrder])
    }
}
