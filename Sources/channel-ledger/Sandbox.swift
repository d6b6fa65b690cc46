import ArgumentParser
import ChannelLedger
import Foundation
import LedgerPresentation
import SandboxTransport

extension ChannelLedgerCLI {
    struct Sandbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The sandbox: a fake of Salesforce and Buy with Prime, in process or over HTTP.",
            subcommands: [Accounts.self, Orders.self, Webhooks.self, Serve.self])
    }
}

extension ChannelLedgerCLI.Sandbox {
    struct Accounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The sandbox's public demo accounts (their secrets are public fixtures).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let accounts = SandboxTransport.accounts
                if global.json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    Console.print(String(decoding: try encoder.encode(accounts), as: UTF8.self))
                    return
                }
                let sf = accounts.salesforce
                var rows = [["SERVICE", "NAME", "ID / KEY", "SECRET", "TARGET ID / MY DOMAIN"]]
                rows.append(["Salesforce", "connected app", sf.consumerKey, sf.consumerSecret, sf.myDomain])
                for account in accounts.buyWithPrime {
                    rows.append([
                        "Buy with Prime", account.name, account.clientId, account.clientSecret, account.targetId,
                    ])
                }
                if let webhook = accounts.webhook {
                    rows.append([
                        "Webhook", webhook.subscription, webhook.username, webhook.password,
                        "/webhooks/buy-with-prime/\(webhook.subscription)",
                    ])
                }
                Console.print(TextViews.table(rows))
            }
        }
    }
}
