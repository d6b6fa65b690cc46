import ArgumentParser
@_spi(Fixtures) import ChannelLedger
import Foundation
import LedgerWiring
import Logging
import SandboxTransport
import Transport

/// Writes a single-account ledger (format 0) as releases before channels did: the connected app
/// registered and authorized, the sandbox's first demo account authorized, and its orders received
/// through webhooks, none associated. `make-ledger-format-0.sh` runs it to regenerate the fixture.
@main
struct MakeLedgerFormat0: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-ledger-format-0",
        abstract: "Write a single-account ledger (format 0) for the upgrade's fixture and tests.",
        discussion:
            "The master key comes from CHANNEL_LEDGER_MASTER_KEY (base64 of 32 bytes), else a key file as `init` makes."
    )

    @Argument(help: "The new SQLite store to write; it must not exist.")
    var store: String

    @Option(help: "How many orders the sandbox seeds for the account; each arrives as a webhook.")
    var orders = SandboxOrders.defaultPerAccount

    @Flag(
        inversion: .prefixedNo,
        help: "Register and authorize the connected app (without it, `upgrade` refuses the ledger).")
    var connectedApp = true

    @Flag(
        inversion: .prefixedNo,
        help: "Authorize the account (without it, the upgrade's Default stays a draft and the orders wait).")
    var account = true

    @Option(help: "The ledger format to record: 0, or a newer one than this build reads (nothing but the app then).")
    var format = 0

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: store) else {
            throw ValidationError("\(store) exists; remove it first or name a new file")
        }
        var logger = Logger(label: "make-ledger-format-0")
        logger.logLevel = .warning
        let environment = ProcessInfo.processInfo.environment
        let configuration = Wiring.configuration(environment: environment, logger: logger)
        let context = CommandContext(actor: "fixture", source: "cli")
        let (service, created) = try await LedgerService.initialize(
            at: store, context: context, configuration: configuration, format: format)
        guard created else { throw ValidationError("\(store) was initialized already") }

        let accounts = SandboxTransport.accounts
        if connectedApp {
            let registered = try await service.registerConnectedApp(
                consumerKey: accounts.salesforce.consumerKey, myDomain: accounts.salesforce.myDomain,
                secret: { Secret(accounts.salesforce.consumerSecret) }, transport: SandboxTransport.name,
                context: context)
            if let rejection = registered.rejection { throw rejection }
        }

        let account = accounts.buyWithPrime[0]
        guard format == 0 else {
            print("wrote \(store): format \(format), the connected app only")
            return
        }
        if self.account {
            try await service.authorizeAccount(
                clientID: account.clientId, targetID: account.targetId, secret: Secret(account.clientSecret),
                transport: SandboxTransport.name, endpoint: nil, context: context)
        }

        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("make-ledger-format-0-\(UUID().uuidString.prefix(8)).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let only = SandboxAccounts(salesforce: accounts.salesforce, buyWithPrime: [account], webhook: accounts.webhook)
        let seeded = SandboxOrders.seeded(for: only, perAccount: orders)
        try SandboxWebhooks.lines(accounts: only, orders: seeded).map { $0 + Data("\n".utf8) }.reduce(Data(), +)
            .write(to: file)
        let summary = try await service.importOrders(
            from: file.path, context: CommandContext(actor: "fixture", source: "import"))
        print("wrote \(store): format 0, account \(account.targetId), \(summary.received) orders received")
    }
}
