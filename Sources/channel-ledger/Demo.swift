import ArgumentParser
import ChannelLedger
import Foundation
import LedgerPresentation
import SandboxTransport
import Transport

extension ChannelLedgerCLI {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole workflow on a temporary store with the sandbox transport.",
            discussion: """
                Registers the connected app, creates two channels, enters and authorizes their \
                credentials, activates every mapping, launches both, takes the sandbox's webhook \
                envelopes (orders of both accounts and of a third no channel owns), publishes the channels \
                and their orders to the sandbox's org, then prints the \
                channel list, one channel's history and the first orders. The store is deleted afterwards unless --keep is given.
                """)
        @Flag(help: "Keep the temporary store (and its key file) and print where it is.") var keep = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                // An explicit --store is the user's and is kept; otherwise a temporary folder.
                let explicit = global.options.store.flatMap { $0.isEmpty ? nil : $0 }
                let folder = FileManager.default.temporaryDirectory
                    .appendingPathComponent("channel-ledger-demo-\(UUID().uuidString.prefix(8).lowercased())").path
                let path = explicit ?? "\(folder)/ledger.sqlite"
                if explicit != nil, FileManager.default.fileExists(atPath: path) {
                    throw LedgerError.demoNeedsFreshStore(path)
                }
                let throwaway = explicit == nil && !keep
                defer { if throwaway { try? FileManager.default.removeItem(atPath: folder) } }
                try await DemoScript(path: path, global: global, ephemeralKey: throwaway).run()
                if !throwaway {
                    Console.note("\nThe demo store is \(path); try `channel-ledger channels list --store \(path)`.")
                }
            }
        }
    }
}

/// Runs ``DemoScenario`` with the sandbox's public accounts and prints what a user would look at next.
struct DemoScript {
    let path: String
    let global: GlobalOptions
    let ephemeralKey: Bool

    func run() async throws {
        let (service, created) = try await LedgerService.initialize(
            at: path, context: CommandContext(actor: global.actor ?? OSUser.name, source: "demo"),
            configuration: global.configuration(fixedKey: ephemeralKey ? MasterKey.ephemeral() : nil))
        guard created else { throw LedgerError.demoNeedsFreshStore(path) }
        step("store \(path)")
        let accounts = SandboxTransport.accounts
        let scenario = DemoScenario(
            app: .init(
                consumerKey: accounts.salesforce.consumerKey,
                consumerSecret: Secret(accounts.salesforce.consumerSecret),
                myDomain: accounts.salesforce.myDomain),
            accounts: accounts.buyWithPrime.prefix(2).map {
                .init(
                    name: $0.name, clientID: $0.clientId, clientSecret: Secret($0.clientSecret), targetID: $0.targetId)
            },
            transport: SandboxTransport.name, actor: global.actor ?? OSUser.name)
        try await scenario.run(on: service, step: step)
        if let webhook = accounts.webhook {
            let context = CommandContext(actor: global.actor ?? OSUser.name, source: "demo")
            _ = try await service.addWebhookSubscription(
                webhook.subscription, username: webhook.username, password: { Secret(webhook.password) },
                context: context)
            step("webhooks add \(webhook.subscription) (the sandbox's demo subscription)")
        }
        try await receiveOrders(service)
        let published = try await service.publish(
            context: CommandContext(actor: global.actor ?? OSUser.name, source: "demo"))
        step(
            "publish (the sandbox's org): \(published.channelsPublished.count) channels and "
                + "\(published.ordersPublished) orders written, \(published.deferred.count) orders the org lacks deferred"
        )

        let channels = try await service.channels()
        if global.json {
            // For scripts: stdout holds one JSON document, the channel list; the steps went to stderr.
            Console.print(JSONValue.array(channels.map(Views.channel)).serialized())
            return
        }
        Console.print("\n$ channel-ledger channels list")
        Console.print(TextViews.channelTable(channels))
        let first = scenario.accounts[0].name
        Console.print("\n$ channel-ledger history --channel \"\(first)\"")
        for event in try await service.history(channel: first) {
            Console.print(TextViews.event(event))
        }
        Console.print("\n$ channel-ledger orders list --limit 8")
        let page = try await service.orders(OrderQuery(limit: 8))
        Console.print(TextViews.orderTable(page.orders, channelNames: try await service.channelNames()))
        Console.print("\n$ channel-ledger verify\n" + TextViews.verified(try await service.verify()))
    }

    /// Takes the sandbox's webhook envelopes (`sandbox webhooks`) as `orders import` would.
    private func receiveOrders(_ service: LedgerService) async throws {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("channel-ledger-demo-webhooks-\(UUID().uuidString.prefix(8)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try SandboxWebhooks.lines().map { $0 + Data("\n".utf8) }.reduce(Data(), +).write(to: URL(fileURLWithPath: file))
        let summary = try await service.importOrders(
            from: file, context: CommandContext(actor: global.actor ?? OSUser.name, source: "import"))
        step("orders import (sandbox webhooks): " + TextViews.orderImport(summary))
    }

    private func step(_ text: String) {
        if global.json { Console.note("• \(text)") } else { Console.print("• \(text)") }
    }
}
