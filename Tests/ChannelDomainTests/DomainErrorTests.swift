import ChannelDomain
import ChannelLedgerTesting
import Testing

@Suite("Domain errors")
struct DomainErrorTests {
    static let samples = DomainErrorSamples.samples

    @Test("a sealed secret prints only its fingerprint")
    func sealedSecretPrintsFingerprint() {
        let text = String(describing: Fixture.secret)
        #expect(!text.contains(Fixture.secret.ciphertext))
        #expect(text.contains(Fixture.secret.fingerprint))
    }

    @Test("only a missing channel or mapping is notFound; everything else is refused")
    func categories() {
        let notFound = Self.samples.filter { $0.category == .notFound }
        #expect(
            notFound == [
                .channelNotFound, .unknownMapping(channel: "EU Store", mapping: "invoice", valid: ["order"]),
                .orderNotFound, .unknownRule(name: "us-orders", known: ["by-target-id", "eu-orders"]),
                .unknownWebhookSubscription(name: "orders-us", known: ["orders-eu"]),
            ])
    }
}
