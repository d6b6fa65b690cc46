import SandboxTransport
import Testing
import Transport

/// The seeded orders: the same every run, shaped like Buy with Prime's, one currency per account.
@Suite struct SandboxOrdersTests {
    let orders = SandboxOrders.seeded(for: .demo)

    @Test func twentyOrdersPerAccountTheSameEveryTime() {
        #expect(orders.keys.sorted() == SandboxAccounts.demo.buyWithPrime.map(\.targetId).sorted())
        #expect(orders.values.allSatisfy { $0.count == SandboxOrders.defaultPerAccount })
        #expect(SandboxOrders.seeded(for: .demo) == orders)
    }

    @Test func idsAliasesCustomersAndLines() throws {
        let all = orders.values.flatMap { $0 }
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(all.allSatisfy { $0.id.wholeMatch(of: /322-[A-Z0-9]{4}-[0-9]{6}/) != nil })
        #expect(all.contains { $0.aliases.isEmpty } && all.contains { !$0.aliases.isEmpty })
        #expect(all.flatMap(\.aliases).allSatisfy { $0.aliasType == "EXTERNAL_ID" })
        let us = try #require(orders["A1V6B8K3QZ7XUS"])
        #expect(us.first?.aliases.first?.aliasId == "US-1001")
        #expect(us.allSatisfy { $0.customer?.email?.hasSuffix("@us-storefront.example") == true })
        #expect(us.allSatisfy { $0.customer?.bwpCustomerId != nil && $0.customer?.name != nil })
        #expect(all.allSatisfy { (1...3).contains($0.lineItems.count) })
        #expect(
            all.flatMap(\.lineItems).allSatisfy {
                $0.amazonSku != nil && $0.externalId != nil && $0.price != nil && (1...3).contains($0.quantity ?? 0)
            })
    }

    @Test func eachAccountHasItsCurrencyAndSomeOrdersASecond() throws {
        let currencies = SandboxAccounts.demo.buyWithPrime.map { account in
            Set(orders[account.targetId, default: []].flatMap(\.lineItems).compactMap(\.price?.currencyCode))
        }
        #expect(currencies == [["USD", "EUR"], ["EUR", "GBP"], ["GBP", "CAD"]])
        for (index, account) in SandboxAccounts.demo.buyWithPrime.enumerated() {
            let seeded = orders[account.targetId, default: []]
            let mixed = seeded.filter { Set($0.lineItems.compactMap(\.price?.currencyCode)).count == 2 }
            #expect(!mixed.isEmpty && mixed.count < seeded.count / 2, "\(account.name)")
            let own = SandboxOrders.currencies[index]
            #expect(seeded.allSatisfy { $0.lineItems.first?.price?.currencyCode == own }, "the first line in \(own)")
        }
        let amounts = orders.values.flatMap { $0 }.flatMap(\.lineItems).compactMap(\.price?.amount)
        #expect(amounts.allSatisfy { $0.wholeMatch(of: /[0-9]+(\.[0-9]{2})?/) != nil })
    }
}
