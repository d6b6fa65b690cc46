import ArgumentParser
import ChannelLedger
import Foundation
import LedgerPresentation
import SandboxTransport
import Transport

extension ChannelLedgerCLI.Sandbox {
    struct Orders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The sandbox's seeded orders, the same every run (the in-process sandbox and the server serve them).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let accounts = SandboxTransport.accounts.buyWithPrime
                let orders = accounts.flatMap { account in
                    (SandboxTransport.orders[account.targetId] ?? []).map { (account, $0) }
                }
                if global.json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    let lines = try orders.map { account, order in
                        "{\"account\":\(JSONValue.string(account.name).serialized()),"
                            + "\"targetId\":\(JSONValue.string(account.targetId).serialized()),\"order\":"
                            + String(decoding: try encoder.encode(BuyWithPrimeOrderWire(order)), as: UTF8.self) + "}"
                    }
                    Console.print("[" + lines.joined(separator: ",") + "]")
                    return
                }
                var rows = [["ACCOUNT", "TARGET ID", "ORDER", "ALIAS", "LINES", "CURRENCY", "CUSTOMER"]]
                for (account, order) in orders {
                    rows.append([
                        account.name, account.targetId, order.id, order.aliases.first?.aliasId ?? "-",
                        String(order.lineItems.count), order.lineItems.first?.price?.currencyCode ?? "-",
                        order.customer?.bwpCustomerId ?? "-",
                    ])
                }
                Console.print(TextViews.table(rows))
            }
        }
    }
}
