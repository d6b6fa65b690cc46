import SandboxTransport
import Testing
import Transport

/// A transport declares what it supports; an operation it does not implement is refused, never faked.
@Suite("Sandbox capabilities")
struct SandboxCapabilitiesTests {
    static let org = SalesforceOrg(
        consumerKey: "key", consumerSecret: Secret("not-used"), myDomain: "https://example.my.salesforce.com",
        apiVersion: "62.0")

    @Test("the in-process sandbox authorizes both services, serves orders and declares only that")
    func declared() {
        #expect(SandboxTransport.descriptor.capabilities == [.authorizeAccount, .authorizeConnectedApp, .fetchOrder])
    }

    @Test("an operation the sandbox does not implement throws unsupported, naming it")
    func unsupported() async {
        let descriptor = SandboxTransport.descriptor
        await #expect(
            throws: TransportError.unsupported(service: .salesforce, operation: "salesforce.set-orders-channel")
        ) {
            _ = try await descriptor.salesforce.setOrdersChannel(
                [OrderChannelUpdate(orderID: "322-ABC1-AAAAAA", salesChannelID: "0bI000000000001")],
                fields: OrderChannelFields(externalIDField: "Ext__c", channelField: "SalesChannelId"), in: Self.org)
        }
    }

    @Test("every operation belongs to one service")
    func services() {
        #expect(TransportOperation.allCases.filter { $0.service == .buyWithPrime } == [.authorizeAccount, .fetchOrder])
    }
}
