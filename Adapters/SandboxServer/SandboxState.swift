import Foundation
import SandboxTransport
import Transport

/// Everything the server remembers between calls: the accounts and their orders, the tokens it
/// issued, the org's records, the Salesforce API usage, the request log and the planned faults.
actor SandboxState {
    /// The limit shown in `Sforce-Limit-Info`.
    static let apiLimit = 15_000

    let accounts: SandboxAccounts
    /// Each Buy with Prime account's orders, by Target ID.
    let orders: [String: [BuyWithPrimeOrder]]
    let tokenLifetime: Duration
    private var tokens = TokenBook()
    private(set) var org = SandboxOrg()
    private(set) var apiUsage = 0
    private(set) var log = RequestLog()
    private(set) var faults = FaultPlan()
    /// Where the server listens, by address (`http://127.0.0.1:PORT`), once it does.
    private(set) var listeningURL: String?

    /// A state whose org holds every seeded order but the last `notCreated` of each account.
    init(accounts: SandboxAccounts, ordersPerAccount: Int, notCreated: Int, tokenLifetime: Duration) {
        self.accounts = accounts
        self.tokenLifetime = tokenLifetime
        let orders = SandboxOrders.seeded(for: accounts, perAccount: ordersPerAccount)
        self.orders = orders
        var org = SandboxOrg()
        for account in accounts.buyWithPrime {
            for order in (orders[account.targetId] ?? []).dropLast(notCreated) {
                _ = org.addOrder(orderId: order.id)
            }
        }
        self.org = org
    }

    /// Remembers where the server listens.
    func listening(at url: String) {
        listeningURL = url
    }

    // MARK: Buy with Prime

    /// Issues a Buy with Prime token for `clientId`; returns it with its lifetime in seconds.
    func issueBuyWithPrimeToken(clientId: String) -> (token: String, expiresIn: Int) {
        let seconds = Int(tokenLifetime.components.seconds)
        let token = tokens.issueBuyWithPrime(clientId: clientId, expires: Date().addingTimeInterval(Double(seconds)))
        return (token, seconds)
    }

    /// The account whose valid token this is, or nil (unknown or expired).
    func buyWithPrimeAccount(token: String) -> BuyWithPrimeAccount? {
        guard let clientId = tokens.buyWithPrimeClient(token: token, now: Date()) else { return nil }
        return accounts.buyWithPrime.first { $0.clientId == clientId }
    }

    // MARK: Salesforce

    /// Issues a Salesforce token for the connected app.
    func issueSalesforceToken() -> String {
        tokens.issueSalesforce(consumerKey: accounts.salesforce.consumerKey)
    }

    /// The connected app's consumer key if the token is one the server issued.
    func salesforceClient(token: String) -> String? {
        tokens.salesforceClient(token: token)
    }

    /// Counts one REST call; returns the usage to show.
    func countAPICall() -> Int {
        apiUsage += 1
        return apiUsage
    }

    /// Changes the org and returns what the change answered.
    func changeOrg<Answer: Sendable>(_ change: @Sendable (inout SandboxOrg) -> Answer) -> Answer {
        change(&org)
    }

    // MARK: Request log and faults

    func record(_ entry: RequestLog.Entry) {
        log.append(entry)
    }

    func clearLog() {
        log.clear()
    }

    func plan(_ fault: Fault, route: FaultPlan.Route, count: Int) {
        faults.add(fault, route: route, count: count)
    }

    func clearFaults() {
        faults.clear()
    }

    /// The fault planned for this call, if any (it counts as used).
    func takeFault(method: String, path: String) -> Fault? {
        faults.take(method: method, path: path)
    }
}
