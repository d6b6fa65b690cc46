import Transport

/// The Buy with Prime port of a plugin.
struct PluginBuyWithPrime: BuyWithPrimeTransport {
    let plugin: ProcessPlugin

    func authorize(_ account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeAuthorization {
        let answer = try await plugin.call(
            .authorizeAccount, PluginRequests.Account(account), budget: account.requestTimeout,
            as: PluginResults.AccountAuthorized.self)
        // The token stays in the plugin, which makes the calls that need it.
        return BuyWithPrimeAuthorization(
            accessToken: Secret(""), expiresIn: answer.expiresIn, targetID: answer.targetId)
    }

    func order(_ lookup: OrderLookup, as account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeOrder {
        try await plugin.call(
            .fetchOrder, PluginRequests.Account(account, lookup: lookup), budget: account.requestTimeout,
            as: PluginResults.Order.self
        ).order.order
    }
}
