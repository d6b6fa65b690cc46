import Foundation
import SandboxTransport
import Testing

@Suite("Sandbox accounts")
struct SandboxAccountsTests {
    let accounts = SandboxTransport.accounts

    @Test func jsonHasExactlyTheDocumentedKeys() throws {
        let data = try JSONEncoder().encode(accounts)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(root.keys) == ["salesforce", "buyWithPrime", "webhook"])
        let webhook = try #require(root["webhook"] as? [String: Any])
        #expect(Set(webhook.keys) == ["subscription", "username", "password"])
        let salesforce = try #require(root["salesforce"] as? [String: Any])
        #expect(Set(salesforce.keys) == ["consumerKey", "consumerSecret", "myDomain"])
        let buyWithPrime = try #require(root["buyWithPrime"] as? [[String: Any]])
        #expect(buyWithPrime.count == 3)
        for account in buyWithPrime {
            #expect(Set(account.keys) == ["name", "clientId", "clientSecret", "targetId"])
        }
    }

    @Test func aFileWithoutAWebhookStillReads() throws {
        let file = #"{"salesforce":{"consumerKey":"k","consumerSecret":"s","myDomain":"https://x"},"buyWithPrime":[]}"#
        #expect(try JSONDecoder().decode(SandboxAccounts.self, from: Data(file.utf8)).webhook == nil)
    }

    @Test func jsonRoundTrips() throws {
        let data = try JSONEncoder().encode(accounts)
        #expect(try JSONDecoder().decode(SandboxAccounts.self, from: data) == accounts)
    }

    @Test func fixturesLookRealAndDistinct() throws {
        #expect(accounts.salesforce.myDomain.hasPrefix("https://"))
        #expect(accounts.salesforce.myDomain.hasSuffix(".my.salesforce.com"))
        let consumerSecretLooksLikeAFixture = accounts.salesforce.consumerSecret.hasPrefix("sandbox-secret-")
        #expect(consumerSecretLooksLikeAFixture)
        let bwp = accounts.buyWithPrime
        #expect(bwp.map(\.name) == ["US Storefront", "EU Storefront", "Outlet"])
        #expect(Set(bwp.map(\.clientId)).count == 3)
        let distinctSecrets = Set(bwp.map(\.clientSecret)).count  // counted outside #expect: a failure prints no secret
        #expect(distinctSecrets == 3)
        #expect(Set(bwp.map(\.targetId)).count == 3)
        for account in bwp {
            #expect(account.clientId.hasPrefix("amzn1.application-oa2-client."))
            let looksLikeAFixture = account.clientSecret.hasPrefix("sandbox-secret-")
            #expect(looksLikeAFixture, "\(account.name)")
        }
        #expect(accounts.buyWithPrimeAccount(named: "Outlet") == bwp[2])
    }

    /// How a value prints: description, reflection and `dump`.
    static func printed(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), dumped]
    }

    @Test func printingAnAccountNeverShowsItsSecret() {
        for account in accounts.buyWithPrime {
            for text in Self.printed(account) + ["\([account])"] {
                let showsSecret = text.contains(account.clientSecret)  // outside #expect: a failure would print it
                #expect(!showsSecret, "\(account.name)")
                #expect(text.contains(account.name) && text.contains(account.clientId))
            }
        }
        let salesforce = accounts.salesforce
        for text in Self.printed(salesforce) + ["\(accounts)"] {
            let showsSecret = text.contains(salesforce.consumerSecret)
            #expect(!showsSecret)
            #expect(text.contains(salesforce.consumerKey))
        }
    }
}
