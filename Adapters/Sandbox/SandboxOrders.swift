import Transport

/// The sandbox's Buy with Prime orders: the same generated orders for the same accounts, every run.
///
/// Each account gets `perAccount` orders (ids shaped like `322-K7QD-104522`), two in three with an
/// `EXTERNAL_ID` alias (`US-1001`, …), a customer with a `bwpCustomerId`, a name and an email on the
/// account's own test domain (`us-storefront.example`), and one to three line items priced in the
/// account's currency (USD, EUR, GBP, CAD, JPY in turn, by the account's place in the list); every
/// fourth order from the second with two lines or more prices its last line in the next currency. Everything
/// is derived from the account's Target ID and name, so a test can name an order it has seen once.
public enum SandboxOrders {
    /// How many orders each account gets unless told otherwise.
    public static let defaultPerAccount = 20

    /// The currencies the accounts take in turn, by their place in the list.
    public static let currencies = ["USD", "EUR", "GBP", "CAD", "JPY"]

    /// The generated orders of every Buy with Prime account, keyed by Target ID, in generation order.
    public static func seeded(for accounts: SandboxAccounts, perAccount: Int = defaultPerAccount)
        -> [String: [BuyWithPrimeOrder]]
    {
        var orders: [String: [BuyWithPrimeOrder]] = [:]
        for (index, account) in accounts.buyWithPrime.enumerated() {
            let currency = currencies[index % currencies.count]
            orders[account.targetId] = seeded(for: account, currency: currency, count: perAccount)
        }
        return orders
    }

    /// The generated orders of one account, priced in `currency`.
    public static func seeded(for account: BuyWithPrimeAccount, currency: String, count: Int)
        -> [BuyWithPrimeOrder]
    {
        var random = SeededRandom(seed: account.targetId)
        let secondCurrency = currencies[((currencies.firstIndex(of: currency) ?? 0) + 1) % currencies.count]
        let prefix = aliasPrefix(account.name)
        let domain = slug(account.name) + ".example"
        let catalog = (0..<6).map { product in
            Product(
                amazonSku: "B0" + random.characters(8, from: upperAlphanumerics),
                externalId: "\(prefix)-SKU-\(101 + product)",
                price: random.price(currency: currency))
        }
        var seen: Set<String> = []
        var orders: [BuyWithPrimeOrder] = []
        for number in 0..<max(0, count) {
            var id: String
            repeat {
                id = "322-" + random.characters(4, from: upperAlphanumerics) + "-" + random.characters(6, from: digits)
            } while !seen.insert(id).inserted
            let aliases =
                number % 3 == 2 ? [] : [OrderAlias(aliasType: "EXTERNAL_ID", aliasId: "\(prefix)-\(1001 + number)")]
            let first = firstNames[random.below(firstNames.count)]
            let last = lastNames[random.below(lastNames.count)]
            let customer = BuyWithPrimeOrder.Customer(
                bwpCustomerId: "bwpc-" + random.characters(16, from: lowerHex),
                name: "\(first) \(last)",
                email: "\(first).\(last)\(number + 1)@\(domain)".lowercased())
            var lines = (0..<(1 + random.below(3))).map { line in
                let product = catalog[random.below(catalog.count)]
                return BuyWithPrimeOrder.LineItem(
                    id: "\(id)-\(line + 1)", quantity: 1 + random.below(3), amazonSku: product.amazonSku,
                    externalId: product.externalId, price: product.price)
            }
            // Some orders are in two currencies: their last line priced in the next currency of the list.
            if number % 4 == 1, lines.count >= 2, let price = lines[lines.count - 1].price {
                lines[lines.count - 1].price = .init(amount: price.amount, currencyCode: secondCurrency)
            }
            orders.append(BuyWithPrimeOrder(id: id, aliases: aliases, customer: customer, lineItems: lines))
        }
        return orders
    }

    /// The alias prefix: the name's first word in capitals (`US Storefront` → `US`), or `SHOP`.
    static func aliasPrefix(_ name: String) -> String {
        let word = name.split(separator: " ").first.map(String.init) ?? ""
        let letters = String(word.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(8))
        return letters.isEmpty ? "SHOP" : letters
    }

    /// The name in lower case with dashes (`US Storefront` → `us-storefront`), or `shop`.
    static func slug(_ name: String) -> String {
        let words = name.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.isEmpty ? "shop" : words.joined(separator: "-")
    }

    private struct Product {
        var amazonSku: String
        var externalId: String
        var price: BuyWithPrimeOrder.Money
    }

    private static let upperAlphanumerics = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    private static let digits = Array("0123456789")
    private static let lowerHex = Array("0123456789abcdef")
    private static let firstNames = [
        "Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kenji", "Lena",
    ]
    private static let lastNames = [
        "Alvarez", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Huber", "Ito", "Jensen", "Kowalski",
    ]
}

/// SplitMix64 seeded with the FNV-1a hash of a string: the same numbers for the same seed on every
/// platform and run (the standard library's hashing is randomly seeded per process).
struct SeededRandom {
    private var state: UInt64

    init(seed: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    mutating func characters(_ count: Int, from alphabet: [Character]) -> String {
        String((0..<count).map { _ in alphabet[below(alphabet.count)] })
    }

    /// A unit price as the service writes it: whole yen for JPY, else two decimals (4.99 to 199.99).
    mutating func price(currency: String) -> BuyWithPrimeOrder.Money {
        if currency == "JPY" {
            return .init(amount: String((5 + below(196)) * 100 - 20), currencyCode: currency)
        }
        let cents = (4 + below(196)) * 100 + [99, 49, 95, 0][below(4)]
        let fraction = cents % 100
        return .init(amount: "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)", currencyCode: currency)
    }
}
