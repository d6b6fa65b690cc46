/// What the association flow reads of an order to route it.
///
/// Currencies are kept upper-case and the email domain lower-case, so conditions on them compare
/// case-insensitively (their values are normalized the same way); every other field compares exactly.
public struct OrderFacts: Sendable, Hashable {
    /// The Buy with Prime target ID (business product) the order was placed through.
    public var targetId: String
    /// The ids of the order's aliases.
    public var aliases: [String]
    /// The order's currencies, upper-case.
    public var currencies: [String]
    /// The lines' Amazon SKUs (`amazonSku`).
    public var skus: [String]
    /// The lines' merchant SKUs (`externalId`).
    public var externalSkus: [String]
    /// The customer's email domain, lower-case, if known.
    public var emailDomain: String?

    /// The facts of one order, normalized.
    public init(
        targetId: String, aliases: [String] = [], currencies: [String] = [], skus: [String] = [],
        externalSkus: [String] = [], emailDomain: String? = nil
    ) {
        self.targetId = targetId
        self.aliases = aliases
        self.currencies = currencies.map { $0.uppercased() }
        self.skus = skus
        self.externalSkus = externalSkus
        self.emailDomain = emailDomain?.lowercased()
    }
}
